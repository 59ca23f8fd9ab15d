import { describe, expect, it } from "vitest";
import { enteredDateAsIso, rupeesAsPaise, serviceOfText } from "./entered.js";

describe("rupees as people write them", () => {
  it.each([
    ["1500", 150_000],
    ["1500.5", 150_050],
    ["1500.50", 150_050],
    ["0", 0],
    ["1,500", 150_000],
    ["1,50,000", 1_50_00_000],
    ["1,50,000.25", 1_50_00_025],
    ["150,000", 1_50_00_000],
    ["Rs 1,500", 150_000],
    ["Rs.1500", 150_000],
    ["rs. 250.75", 25_075],
    ["₹1,500", 150_000],
    ["₹ 99", 9_900],
    ["INR 2,000", 200_000],
    [" 12 ", 1_200],
  ])("%s is %i paise", (text, paise) => expect(rupeesAsPaise(text)).toBe(paise));

  it.each(["", "-5", "1.234", "1,5000", "15,00", "Rs", "1 500", "1e3", "12.", "$12", "twelve", "0x10"])(
    "%j is not rupees",
    (text) => expect(rupeesAsPaise(text)).toBeUndefined(),
  );

  it("is exact for every paise value up to Rs 1 crore (no floating point on the way)", () => {
    expect(rupeesAsPaise("99,99,999.99")).toBe(99_99_999_99);
    expect(rupeesAsPaise("1,00,00,000.00")).toBe(1_00_00_000_00);
    expect(Number.isSafeInteger(rupeesAsPaise("9".repeat(40)))).toBe(true);
  });
});

describe("dates as people write them", () => {
  it.each([
    ["31/01/2025", "2025-01-31"],
    ["1/2/2025", "2025-02-01"],
    ["31-01-2025", "2025-01-31"],
    ["31.01.2025", "2025-01-31"],
    ["2025-01-31", "2025-01-31"],
    [" 05/06/2024 ", "2024-06-05"],
  ])("%s is %s (day first, as India writes it)", (text, iso) => expect(enteredDateAsIso(text)).toBe(iso));

  it.each(["01/31", "2025/01/31", "31/01/25", "Jan 31 2025", "", "31012025"])("%j is not a date", (text) =>
    expect(enteredDateAsIso(text)).toBeUndefined(),
  );
});

describe("services by name or code", () => {
  it.each([
    ["grocery_kit", "grocery_kit"],
    ["Grocery kit", "grocery_kit"],
    ["GROCERY KIT", "grocery_kit"],
    ["grocery-kit", "grocery_kit"],
    [" ART medicine ", "art_medicine"],
    ["Masks and sanitizers", "masks_sanitizers"],
  ])("%s is %s", (text, service) => expect(serviceOfText(text)).toBe(service));

  it.each(["groceries", "", "kit"])("%j is no service", (text) => expect(serviceOfText(text)).toBeUndefined());
});
