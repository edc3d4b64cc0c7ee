"""Governance fit: the adopted form and decision rule against the table they govern."""

from __future__ import annotations

from sim.scenario.words import GOVERNANCE_FORM
from sim.scenario.words import RULE as RULE_NAME
from sim.scoring.context import Context
from sim.scoring.fit import (
    IDEALS,
    RULE_SIZES,
    best_form,
    form_fit,
    goal_consensus,
    rule_fit,
)
from sim.scoring.parts import Part, note
from sim.scoring.sources import BACKBONE, LC_STRUCTURE, PROVAN_KENIS, WHEELAN

FORM = 50.0
RULE = 30.0
DOCUMENT = 20.0
CONDITION_LABEL = {
    "size": "Size",
    "density": "Trust density",
    "consensus": "Goal consensus",
    "need": "Need for network-level competencies",
}
DOCUMENT_STRENGTH = {"none": 0.0, "handshake": 0.3, "mou": 0.8, "charter": 1.0, "contract": 1.0}


def conditions(ctx: Context) -> dict[str, float]:
    """Size, trust density, goal consensus and need for competencies of this table."""
    game, table = ctx.game, ctx.table
    favorites = []
    for issue in game.scenario.issues:
        picks = []
        for m in table:
            sheet = game.orgs[m].points.get(issue.id, {})
            if sheet:
                picks.append(max(sheet, key=lambda o: (sheet[o], o)))
        favorites.append(picks)
    return {
        "size": float(len(table)),
        "density": ctx.density,
        "consensus": goal_consensus(favorites),
        "need": need(ctx),
    }


def need_reasons(ctx: Context) -> dict[str, bool]:
    """The three signs that the partnership needs network-level competencies."""
    scenario = ctx.game.scenario
    conditional = any(
        (s.kind == "grant" and s.match_share > 0) or s.kind == "loan"  # type: ignore[union-attr]
        for s in scenario.streams
    )
    return {
        "money with conditions (a match or a loan)": conditional,
        "four or more projects to run": len(scenario.projects) >= 4,
        "ten or more members to coordinate": len(ctx.table) >= 10,
    }


def need(ctx: Context) -> float:
    reasons = need_reasons(ctx)
    return sum(reasons.values()) / len(reasons)


def parts(ctx: Context) -> list[Part]:
    out: list[Part] = []
    cond = conditions(ctx)
    n = len(ctx.table)
    form_option = ctx.adopted("governance")
    if ctx.has_issue("governance"):
        if form_option is None:
            out.append(
                Part(
                    "Governance form",
                    0.0,
                    FORM,
                    "no governance form has been adopted",
                    PROVAN_KENIS,
                )
            )
        else:
            out += _form_parts(ctx, form_option.form, cond)
    out.append(_rule_part(ctx))
    if ctx.has_issue("document"):
        out.append(_document_part(ctx, form_option.form if form_option is not None else None))
    fitting = best_form(n, cond["density"], cond["consensus"], cond["need"])
    reasons = need_reasons(ctx)
    out.append(
        note(
            "Best fit here",
            f"for {n} members, density {cond['density']:.2f}, goal consensus "
            f"{cond['consensus']:.2f} and need {cond['need']:.2f} "
            f"({', '.join(k for k, v in reasons.items() if v) or 'no sign of need'}), "
            f"{GOVERNANCE_FORM[fitting].lower()} fits best",
            PROVAN_KENIS,
        )
    )
    return out


def _form_parts(ctx: Context, form: str, cond: dict[str, float]) -> list[Part]:
    fits = form_fit(form, int(cond["size"]), cond["density"], cond["consensus"], cond["need"])
    ideal = IDEALS[form]
    each = FORM / len(fits)
    shown = {
        "size": f"{int(cond['size'])} members",
        "density": f"trust density {cond['density']:.2f}",
        "consensus": f"goal consensus {cond['consensus']:.2f}",
        "need": f"need {cond['need']:.2f}",
    }
    out = []
    for key, fit in fits.items():
        verdict = "fits" if fit >= 0.999 else "partly fits" if fit > 0 else "does not fit"
        source = PROVAN_KENIS + (
            "; " + BACKBONE if form == "network_administrative_organization" else ""
        )
        out.append(
            Part(
                f"Form fit to {CONDITION_LABEL[key].lower()}",
                each * fit,
                each,
                f"{GOVERNANCE_FORM[form]} with {shown[key]} {verdict}: Provan & Kenis find it "
                f"fits {ideal.words[key]}",
                source,
            )
        )
    return out


def _rule_part(ctx: Context) -> Part:
    rule = ctx.rule.rule
    voters = len(ctx.voters)
    fit = rule_fit(rule, voters)
    lo, hi = RULE_SIZES[rule]
    span = f"{lo:g}–{hi:g}" if hi < 1000 else f"{lo:g} or more"
    adopted = ctx.adopted("decision_rule")
    what = (
        RULE_NAME[rule]
        if adopted is not None
        else f"{RULE_NAME[rule]} (none adopted: the convener's consensus is in force)"
    )
    body = f"{voters} voters" + (
        f" of {len(ctx.table)} members" if voters != len(ctx.table) else ""
    )
    return Part(
        "Decision rule and size",
        RULE * fit,
        RULE,
        f"{what} among {body}; it suits bodies of {span} ({fit:.0%} fit)",
        WHEELAN,
    )


def _document_part(ctx: Context, form: str | None) -> Part:
    option = ctx.adopted("document")
    if option is None:
        return Part(
            "Formal structure", 0.0, DOCUMENT, "no formal document has been adopted", LC_STRUCTURE
        )
    strength = DOCUMENT_STRENGTH[option.document]
    # Shared governance runs on low formalization (Provan & Kenis): an MOU is enough there.
    if form == "shared" and option.document == "mou":
        strength = 1.0
    return Part(
        "Formal structure",
        DOCUMENT * strength,
        DOCUMENT,
        f"the agreement is codified as '{option.label}' ({option.document})",
        LC_STRUCTURE,
    )
