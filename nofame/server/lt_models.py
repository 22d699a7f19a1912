"""LanguageTool's `/v2` protocol as models, written once: `/v2/check` validates its form with them and
/api/v1/openapi.json publishes their JSON Schema."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema

from nofame.profiles import PROFILES
from nofame.render.languagetool import CATEGORY, ISSUE_TYPES
from nofame.server.models import Closed, Count, FieldName, Probability, ProfileName, RuleId, Severity

# A form field is a string or absent, never null.
FormText = Annotated[str | None, WithJsonSchema({"type": "string"})]
IssueType = Literal[tuple(sorted(set(ISSUE_TYPES.values())))]  # type: ignore[valid-type]
Flag = Literal["true", "false"]


class LanguageToolCheckRequest(BaseModel):
    """The form fields of LanguageTool's /v2/check; nofame reads the ones that matter to its rules."""

    model_config = ConfigDict(
        extra="ignore", strict=True, json_schema_extra={"anyOf": [{"required": ["text"]}, {"required": ["data"]}]}
    )

    text: FormText = Field(None, description="The text to check. Give this or `data`.")
    data: FormText = Field(
        None,
        description='JSON: {"annotation": [{"text": "..."}, {"markup": "<p>", "interpretAs": "\\n\\n"}]}; offsets '
        "then count markup too.",
    )
    language: str = Field("auto", description="en, en-US, en-GB, ... or auto (English).")
    motherTongue: FormText = Field(None, description="Accepted and ignored.")
    preferredVariants: FormText = Field(None, description="Accepted and ignored.")
    enabledRules: FormText = Field(None, description="Comma-separated rule ids (with enabledOnly=true: only these).")
    disabledRules: FormText = Field(None, description="Comma-separated rule ids.")
    enabledCategories: FormText = Field(None, description=f"Comma-separated; nofame's category is {CATEGORY['id']}.")
    disabledCategories: FormText = Field(None, description=f"Comma-separated; {CATEGORY['id']} turns nofame off.")
    enabledOnly: Annotated[Flag | None, WithJsonSchema({"type": "string", "enum": ["true", "false"]})] = None
    level: Annotated[
        Literal["default", "picky"] | None, WithJsonSchema({"type": "string", "enum": ["default", "picky"]})
    ] = Field(None, description="picky adds preview rules.")
    username: FormText = Field(None, description="Accepted and ignored.")
    apiKey: FormText = Field(None, description="An API key, for clients that cannot send an Authorization header.")
    profile: Annotated[ProfileName | None, WithJsonSchema({"type": "string", "enum": list(PROFILES)})] = Field(
        None, description="nofame extension: the threshold profile."
    )
    perpetrator: list[str] = Field(
        default_factory=list, description="nofame extension: the perpetrator's name (repeat the field for more)."
    )


class LanguageToolLanguage(Closed):
    name: str
    code: str
    longCode: str


class Value(Closed):
    value: str


class MatchContext(Closed):
    text: str
    offset: Count
    length: Count


class MatchType(Closed):
    typeName: Literal["Other", "Hint"]


class Category(Closed):
    id: Literal[CATEGORY["id"]]  # type: ignore[valid-type]
    name: str


class MatchRule(Closed):
    id: RuleId
    description: str
    issueType: IssueType
    category: Category
    urls: list[Value]


class MatchExtension(Closed):
    """nofame extension: the finding's severity, field and confidence."""

    severity: Severity
    field: FieldName
    confidence: Probability


class LanguageToolMatch(Closed):
    message: str
    shortMessage: str
    replacements: list[Value]
    offset: Count = Field(description="In UTF-16 code units of the sent text.")
    length: Count = Field(description="In UTF-16 code units.")
    context: MatchContext
    sentence: str
    type: MatchType
    rule: MatchRule
    ignoreForIncompleteSentence: bool
    contextForSureMatch: int
    nofame: MatchExtension


class Software(Closed):
    name: str
    version: str
    buildDate: str | None
    apiVersion: int
    premium: bool
    status: str


class Warnings(Closed):
    incompleteResults: bool


class DetectedLanguage(Closed):
    name: str
    code: str
    confidence: float


class MatchLanguage(Closed):
    name: str
    code: str
    detectedLanguage: DetectedLanguage


class LanguageToolResponse(Closed):
    software: Software
    warnings: Warnings
    language: MatchLanguage
    matches: list[LanguageToolMatch]
