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
        out(
            f"history: {history.reviews} reviews on {history.days} days · "
            f"{len(history.items)} reviews a day or more after the previous one (fitted on)"
        )
        out(f"  {'parameters':<10}  {'log-loss':>8}  {'RMSE':>6}")
        for name, evaluation in (("current", fit.current_eval), ("fitted", fit.fitted_eval)):
            out(f"  {name:<10}  {evaluation.log_loss:>8.4f}  {evaluation.rmse:>6.2%}")
        out(f"fitted in {fit.seconds:.2f} s: [{', '.join(f'{p:.4f}' for p in fit.fitted)}]")
        if not args.apply:
            out("run `studydeck optimize --apply` to save them and reschedule your cards")
            return 0
        if fit.fitted_eval.log_loss >= fit.current_eval.log_loss:
            out("the fitted parameters do not predict your history better; nothing was changed")
            return 0
        _, rescheduled = optimize.apply(state.store, env.config_path, fit.fitted)
        out(f"applied: saved to {env.config_path}; rescheduled {rescheduled} card(s)")
    return 0
