"""``studydeck optimize``: fit FSRS parameters to the review log; ``--apply`` uses them."""

from __future__ import annotations

from argparse import Namespace

from studydeck import optimize
from studydeck.commands._state import open_state, unknown_deck
from studydeck.environment import Environment


def run(args: Namespace, env: Environment) -> int:
    out = env.print
    with open_state(env) as state:
        if args.deck and args.deck not in state.store.deck_names():
            raise unknown_deck(state.store, args.deck)
        history = optimize.training_items(optimize.card_histories(state.store, args.deck))
        reason = optimize.not_enough(history)
        if reason:
            out(reason)
            return 0
        fit = optimize.fit(history, state.config)
        report(fit, env)
        if not fit.improves:
            out(
                "the fitted parameters do not predict your history better than the current "
                "ones, so there is nothing to apply; nothing was changed"
            )
        elif not args.apply:
            out("run `studydeck optimize --apply` to save them and reschedule your cards")
        else:
            _, rescheduled = optimize.apply(state.store, env.config_path, fit.fitted)
            out(f"applied: saved to {env.config_path}; rescheduled {rescheduled} card(s)")
    return 0


def report(fit: optimize.Fit, env: Environment) -> None:
    history = fit.history
    env.print(
        f"history: {history.reviews} reviews on {history.days} days · "
        f"{len(history.items)} reviews a day or more after the previous one (fitted on)"
    )
    env.print(f"  {'parameters':<10}  {'log-loss':>8}  {'RMSE':>6}")
    for name, evaluation in (("current", fit.current_eval), ("fitted", fit.fitted_eval)):
        env.print(f"  {name:<10}  {evaluation.log_loss:>8.4f}  {evaluation.rmse:>6.2%}")
    parameters = ", ".join(f"{p:.4f}" for p in fit.fitted)
    env.print(f"fitted in {duration(fit.seconds)}: [{parameters}]")


def duration(seconds: float) -> str:
    """``1.42 s`` from a second on, ``37 ms`` below, ``under 1 ms`` below that."""
    milliseconds = round(seconds * 1000)
    if milliseconds >= 1000:
        return f"{seconds:.2f} s"
    return f"{milliseconds} ms" if milliseconds >= 1 else "under 1 ms"
