"""The watchlist and claim-pattern sections of feeds.yaml, as typed models.

Owned by the claim engine: the engine reads exactly these fields.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ActorSpec(StrictModel):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    kind: Literal["country", "person", "organization", "media", "group", "place", "other"] = "other"
    # language code -> names; inflected forms are derived by the matcher.
    names: dict[str, list[str]]
    # names that count only when the context confirms them (Kim, Xi, NIS, ...)
    ambiguous: list[str] = Field(default_factory=list)
    # language code -> words that confirm an ambiguous name near it
    # (NIS: Geheimdienst, intelligence, spy); matched as folded substrings.
    context: dict[str, list[str]] = Field(default_factory=dict)
    # a spokesperson or office speaks for an actor: Peskov speaks for russia.
    speaks_for: str | None = None


class ClaimSpec(StrictModel):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    description: str = ""
    kind: Literal["figure", "status"] = "figure"
    # language code -> unit terms (Soldaten, troops, ...)
    units: dict[str, list[str]] = Field(default_factory=dict)
    actors: list[str] = Field(default_factory=list)
    cues: dict[str, list[str]] = Field(default_factory=dict)
    exclude: dict[str, list[str]] = Field(default_factory=dict)
    # contradiction window in days (detection)
    window_days: int = Field(default=14, ge=1)
