"""``assess``: run every check on an offer and gather the dossier data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from oresight.offers.checks import assay, counterparties, legality, plausibility, valuation
from oresight.offers.checks.exports import open_default_store
from oresight.offers.conclusion import Conclusion, conclude
from oresight.offers.findings import Finding
from oresight.offers.loader import load_offer, parse_offer
from oresight.offers.model import Offer
from oresight.offers.risk import assess_risk
from oresight.store import Store


@dataclass
class Assessment:
    """The dossier data of one offer: each section's rows, the findings and the risk."""

    offer: Offer
    conclusion: Conclusion
    legality: list[dict[str, Any]]
    counterparties: list[dict[str, Any]]
    plausibility: list[dict[str, Any]]
    valuation: list[dict[str, Any]]
    assay: list[dict[str, Any]]
    findings: list[Finding]
    risk: dict[str, Any]
    sources: dict[str, str] = field(default_factory=dict)
    generated_at: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``oresight offer check --json``."""
        return {
            "conclusion": self.conclusion.to_dict(),
            "offer_id": self.offer.offer_id,
            "risk": self.risk,
            "legality": self.legality,
            "counterparties": self.counterparties,
            "plausibility": self.plausibility,
            "valuation": self.valuation,
            "assay": self.assay,
            "findings": [f.to_dict() for f in self.findings],
            "offer": self.offer.model_dump(mode="json", by_alias=True),
            "sources": self.sources,
            "generated_at": self.generated_at,
        }


def assess(offer: Offer | dict[str, Any] | str | Path, *, store: Store | None = None) -> Assessment:
    """Assess an offer (model, mapping, or path to a YAML/JSON file).

    ``store``: an open ``oresight.store.Store`` for recorded exports; by default the store
    under ``$ORESIGHT_HOME`` is used if one exists (none is created).
    """
    if isinstance(offer, str | Path):
        offer = load_offer(offer)
    elif isinstance(offer, dict):
        offer = parse_offer(offer)
    store_note = "store passed by the caller"
    if store is None:
        store, store_note = open_default_store()
    screened = counterparties.check(offer)
    designated, possibly = counterparties.designations(screened.rows)
    results = {
        "legality": legality.check(offer, legality.Parties(designated, possibly)),
        "counterparties": screened,
        "plausibility": plausibility.check(offer, store, store_note),
        "valuation": valuation.check(offer),
        "assay": assay.check(offer),
    }
    findings = [f for r in results.values() for f in r.findings]
    return Assessment(
        offer=offer,
        conclusion=conclude(
            results["legality"].rows,
            findings,
            offer.buyer.country,
            {name: r.rows for name, r in results.items()},
        ),
        legality=results["legality"].rows,
        counterparties=results["counterparties"].rows,
        plausibility=results["plausibility"].rows,
        valuation=results["valuation"].rows,
        assay=results["assay"].rows,
        findings=findings,
        risk=assess_risk(findings),
        sources={
            "store": store_note,
            "reference": "oresight/reference/data/commodities (built from "
            "../shared/reference/commodities by scripts/build_commodities.py)",
        },
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
