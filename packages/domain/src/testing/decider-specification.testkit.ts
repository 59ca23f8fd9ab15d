import { expect } from "vitest";

/** What a decider answers: the events to append, or a refusal whose fields are the refusal's. */
type Answer<Event, Refused> = { ok: true; value: Event[] } | ({ ok: false } & Refused);

export interface Decider<Command, Event, State, Refused> {
  decide: (command: Command, state: State) => Answer<Event, Refused>;
  evolve: (state: State, event: Event) => State;
  initialState: () => State;
}

/**
 * Given / when / then tests for a decider, in the form of Emmett's DeciderSpecification: the
 * state is only ever what the given events fold to, so a test reads as the history it assumes.
 *
 *   given([cboRegistered]).when(recordFunds).then([fundsReceived]);
 *   given([]).when(recordFunds).thenRefuses({ reason: "breaks_rules" });
 */
export function deciderSpecification<Command, Event, State, Refused>(decider: Decider<Command, Event, State, Refused>) {
  return (given: readonly Event[]) => ({
    when(command: Command) {
      const answer = () => decider.decide(command, given.reduce(decider.evolve, decider.initialState()));
      return {
        then(expected: readonly Event[]): void {
          expect(answer()).toEqual({ ok: true, value: expected });
        },
        /** Matches the fields named: a reason alone, or with the message and details too. */
        thenRefuses(expected: Partial<Refused>): Answer<Event, Refused> {
          const refused = answer();
          expect(refused).toMatchObject({ ok: false, ...expected });
          return refused;
        },
      };
    },
  });
}
