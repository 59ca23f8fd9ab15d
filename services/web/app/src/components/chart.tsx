import { BarChart, SankeyChart } from "echarts/charts";
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "preact/hooks";

// Only what the pages draw is bundled (bar and Sankey on a canvas), to keep the script small.
// Canvas, not SVG: ECharts sets element styles through the CSSOM, which the CSP allows, and
// tooltips render as rich text rather than HTML with style attributes, which it would not.
echarts.use([BarChart, SankeyChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/**
 * An ECharts chart. It is a picture for sighted readers (role img, labelled by its title); the
 * same figures are in the table beside it.
 */
export function Chart(props: { option: ChartOption; label: string; tall?: boolean; testId?: string }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | undefined>(undefined);
  useEffect(() => {
    chart.current = echarts.init(element.current, undefined, { renderer: "canvas" });
    const resize = () => chart.current?.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.current?.dispose();
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(
      {
        animation: false,
        aria: { enabled: false },
        tooltip: { renderMode: "richText", confine: true },
        ...props.option,
      },
      true,
    );
  }, [props.option]);
  return (
    <div
      ref={element}
      class={props.tall ? "chart chart-tall" : "chart"}
      role="img"
      aria-label={props.label}
      data-testid={props.testId}
    />
  );
}
