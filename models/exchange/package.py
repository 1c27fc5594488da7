"""Signed assessment packages (``.airpkg``): build one, and verify one completely before
anything of it is believed.

A package is a ZIP archive with fixed timestamps and sorted members (the same assessment
always gives the same bytes), holding readable JSON:

- ``assessment.json``: answers, comments, evidence metadata, audit log, unit path, cycle,
  questionnaire id/version/hash, uid, revision (:mod:`models.exchange.payload`);
- ``questionnaire.json`` (and ``modules/<hash>.json``): the questionnaire content itself, so
  the receiver can score the assessment even if it never had that version;
- ``signer.pem``: the signer's Ed25519 public key;
- ``manifest.json``: format, signer fingerprint, and the SHA-256 and size of every member above;
- ``manifest.sig``: the Ed25519 signature of the manifest's bytes (base64).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, ValidationError

from models.errors import InvalidInput
from models.exchange.files import ImportRefused, check_size
from models.exchange.payload import ASSESSMENT_FORMAT, ASSESSMENT_FORMAT_VERSION, AssessmentData, QuestionnaireRef
from models.exchange.safezip import PACKAGE_LIMITS, read_members
from models.keys import SigningKey, fingerprint_of, public_raw_from_pem, verify
from models.tables import MODULE_ITEM_SEPARATOR
from questionnaires.loader import from_json
from questionnaires.model import Questionnaire
from questionnaires.rules import check_file
from questionnaires.schema import LEVELS
from questionnaires.yaml_reader import SourceMap

PACKAGE_FORMAT = "ai-readiness/package"
PACKAGE_FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
SIGNER = "signer.pem"
ASSESSMENT = "assessment.json"
QUESTIONNAIRE = "questionnaire.json"
MODULES = "modules/"
#: ZIP cannot store dates before 1980; a fixed date keeps the bytes reproducible.
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_FORMAT = re.compile(r"^(?P<name>[a-z-]+/[a-z-]+)@(?P<version>\d{1,6})$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MemberEntry(_Strict):
    sha256: Annotated[StrictStr, Field(pattern=r"^[0-9a-f]{64}$")]
    size: Annotated[StrictInt, Field(ge=0)]


class SignerEntry(_Strict):
    algorithm: Literal["Ed25519"]
    fingerprint: Annotated[StrictStr, Field(pattern=r"^[0-9a-f]{64}$")]


class Manifest(_Strict):
    format: StrictStr
    signer: SignerEntry
    members: dict[StrictStr, MemberEntry]


@dataclass(frozen=True)
class VerifiedPackage:
    """A package whose signature, manifest and content all checked out (trust is decided apart)."""

    data: AssessmentData
    payload: bytes  # assessment.json as received
    questionnaire: Questionnaire
    modules: tuple[Questionnaire, ...]
    signer: str  # fingerprint, 64 hex digits
    signer_key: bytes  # raw Ed25519 public key


# --- building ---------------------------------------------------------------------------------


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            # The questionnaire is stored, not deflated: a coordinator importing hundreds of packages
            # would otherwise inflate the same 100+ KB for each one (it costs ~100 KB per file).
            stored = name == QUESTIONNAIRE or name.startswith(MODULES)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            archive.writestr(info, members[name], compresslevel=6)
    return buffer.getvalue()


def _manifest_bytes(members: dict[str, bytes], fingerprint: str) -> bytes:
    manifest = {
        "format": f"{PACKAGE_FORMAT}@{PACKAGE_FORMAT_VERSION}",
        "signer": {"algorithm": "Ed25519", "fingerprint": fingerprint},
        "members": {
            name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
            for name, data in sorted(members.items())
        },
    }
    return (json.dumps(manifest, indent=1) + "\n").encode("utf-8")


def build_package(
    data: AssessmentData, questionnaire_json: bytes, module_jsons: dict[str, bytes], key: SigningKey
) -> bytes:
    """The package bytes; ``module_jsons`` maps each module's hash to its canonical JSON."""
    members = {ASSESSMENT: data.to_bytes(), QUESTIONNAIRE: questionnaire_json, SIGNER: key.public_pem()}
    for hash_, content in module_jsons.items():
        members[f"{MODULES}{hash_}.json"] = content
    manifest = _manifest_bytes(members, key.fingerprint)
    members[MANIFEST] = manifest
    members[SIGNATURE] = base64.b64encode(key.sign(manifest)) + b"\n"
    return _zip(members)


# --- verifying ----------------------------------------------------------------------------------


def check_format(value: Any, expected: str, current: int, where: str) -> None:
    """Refuse another format, and a newer version of ours with a hint to update."""
    match = _FORMAT.match(value) if isinstance(value, str) else None
    if match is None or match["name"] != expected:
        found = "nothing" if value is None else repr(str(value)[:60])
        raise ImportRefused(
            f"{where}: expected {expected}@{current}, found {found}; not an AI Readiness file of this kind"
        )
    if int(match["version"]) > current:
        raise ImportRefused(
            f"{where}: written by a newer AI Readiness (format {value}; this version reads "
            f"{expected}@{current}); update the app to import it"
        )
    if int(match["version"]) < 1:
        raise ImportRefused(f"{where}: unknown format {value!r}")


def _json(data: bytes, where: str) -> Any:
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ImportRefused(f"{where}: not valid JSON ({exc})") from None
    except RecursionError:
        raise ImportRefused(f"{where}: not valid JSON (nested too deeply)") from None


M = TypeVar("M", bound=BaseModel)


def _parse(model: type[M], content: bytes, where: str, format_name: str, version: int) -> M:
    """Validate JSON bytes in one pass; on failure, say why (another format, a newer one, or the field)."""
    try:
        return model.model_validate_json(content)
    except ValidationError as exc:
        raw = _json(content, where)
        if not isinstance(raw, dict):
            raise ImportRefused(f"{where}: not a JSON object") from None
        check_format(raw.get("format"), format_name, version, where)
        raise ImportRefused(validation_message(exc, where)) from None


def validation_message(exc: ValidationError, where: str) -> str:
    errors = exc.errors()
    first = errors[0]
    loc = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in first["loc"]).lstrip(".")
    more = f" (and {len(errors) - 1} more problem(s))" if len(errors) > 1 else ""
    return f"{where}: {loc or 'top level'}: {first['msg']}{more}"


#: Parsed questionnaire content by hash: a coordinator imports hundreds of packages of one version.
_PARSED: dict[str, Questionnaire] = {}


def parse_questionnaire(content: bytes, ref: QuestionnaireRef, kind: str, where: str) -> Questionnaire:
    if hashlib.sha256(content).hexdigest() != ref.hash:
        raise ImportRefused(f"{where} does not match the questionnaire hash {ref.hash[:12]}… named in {ASSESSMENT}")
    cached = _PARSED.get(ref.hash)
    if cached is None:
        try:
            cached = from_json(content.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            message = validation_message(exc, where) if isinstance(exc, ValidationError) else f"{where}: {exc}"
            raise ImportRefused(f"not a valid questionnaire: {message}") from None
        # The rules a questionnaire file is checked against (unique ids, known policies, …): the
        # schema alone lets through content that scoring and reports cannot use.
        findings = check_file(cached.data.model_dump(mode="json"), SourceMap())
        if findings:
            first = findings[0]
            at = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in first.path).lstrip(".")
            message = re.sub(r" \(first used on line \d+\)", "", first.message)  # lines mean nothing here
            raise ImportRefused(f"not a valid questionnaire: {where}: {at}: {message}")
        if len(_PARSED) < 64:
            _PARSED[ref.hash] = cached
    if (cached.id, cached.version, cached.hash, cached.kind) != (ref.id, ref.version, ref.hash, kind):
        raise ImportRefused(f"{where} is {cached.id}@{cached.version} ({cached.kind}), not {ref.id}@{ref.version}")
    for item in cached.items:
        if set(item.levels) != set(LEVELS):
            raise ImportRefused(f"{where}: item {item.id} lacks level descriptors 0-5")
    return cached


def _check_answers(data: AssessmentData, plan: Questionnaire, modules: dict[str, Questionnaire]) -> None:
    seen: set[str] = set()
    for index, answer in enumerate(data.answers):
        where = f"{ASSESSMENT}: answers[{index}] (item {answer.item})"
        if answer.item in seen:
            raise ImportRefused(f"{where}: the item is answered twice")
        seen.add(answer.item)
        module_id, sep, own_id = answer.item.partition(MODULE_ITEM_SEPARATOR)
        if not sep:
            if answer.item not in plan.item_by_id:
                raise ImportRefused(f"{where}: not an item of {plan.id}@{plan.version}")
        elif module_id not in modules or own_id not in modules[module_id].item_by_id:
            raise ImportRefused(f"{where}: not an item of the package's modules")


def read_package(path: Path) -> VerifiedPackage:
    """Verify everything a package claims; raise ImportRefused with a one-line reason."""
    check_size(path)
    members = read_members(path, PACKAGE_LIMITS)
    for required in (MANIFEST, SIGNATURE, SIGNER):
        if required not in members:
            raise ImportRefused(f"not a complete package: {required} is missing")
    manifest_bytes = members[MANIFEST]
    manifest = _parse(Manifest, manifest_bytes, MANIFEST, PACKAGE_FORMAT, PACKAGE_FORMAT_VERSION)
    check_format(manifest.format, PACKAGE_FORMAT, PACKAGE_FORMAT_VERSION, MANIFEST)
    try:
        signer_key = public_raw_from_pem(members[SIGNER], SIGNER)
    except InvalidInput as exc:
        raise ImportRefused(str(exc)) from None
    signer = fingerprint_of(signer_key)
    if signer != manifest.signer.fingerprint:
        raise ImportRefused(f"{SIGNER} is not the key named in {MANIFEST} (the package was altered)")
    try:
        signature = base64.b64decode(members[SIGNATURE].strip(), validate=True)
    except (binascii.Error, ValueError):
        raise ImportRefused(f"{SIGNATURE}: not a base64 signature (the package was altered or damaged)") from None
    if not verify(signer_key, signature, manifest_bytes):
        raise ImportRefused(
            f"the signature does not match {MANIFEST} (the package was altered or damaged after signing)",
            signer=signer,
        )
    listed = set(manifest.members)
    present = set(members) - {MANIFEST, SIGNATURE}
    for name in sorted(present - listed):
        raise ImportRefused(f"member {name} is not in the signed manifest (added after signing)", signer=signer)
    for name in sorted(listed - present):
        raise ImportRefused(f"member {name} listed in the signed manifest is missing", signer=signer)
    for name in sorted(listed):
        entry = manifest.members[name]
        content = members[name]
        if len(content) != entry.size or hashlib.sha256(content).hexdigest() != entry.sha256:
            raise ImportRefused(f"{name} was altered after signing (its SHA-256 does not match the manifest)")
    for required in (ASSESSMENT, QUESTIONNAIRE):
        if required not in members:
            raise ImportRefused(f"not a complete package: {required} is missing", signer=signer)

    payload = members[ASSESSMENT]
    data = _parse(AssessmentData, payload, ASSESSMENT, ASSESSMENT_FORMAT, ASSESSMENT_FORMAT_VERSION)
    plan = parse_questionnaire(members[QUESTIONNAIRE], data.questionnaire, "plan", QUESTIONNAIRE)
    modules: dict[str, Questionnaire] = {}
    for ref in data.modules:
        name = f"{MODULES}{ref.hash}.json"
        if name not in members:
            raise ImportRefused(f"not a complete package: {name} (module {ref.id}) is missing")
        modules[ref.id] = parse_questionnaire(members[name], ref, "module", name)
    unexpected = sorted(
        present - {f"{MODULES}{ref.hash}.json" for ref in data.modules} - {ASSESSMENT, QUESTIONNAIRE, SIGNER}
    )
    if unexpected:
        raise ImportRefused(f"member {unexpected[0]} is not part of an assessment package")
    _check_answers(data, plan, modules)
    if data.computed_digest() != data.digest:
        raise ImportRefused(f"{ASSESSMENT}: its digest does not match its content")
    return VerifiedPackage(
        data=data,
        payload=payload,
        questionnaire=plan,
        modules=tuple(modules.values()),
        signer=signer,
        signer_key=signer_key,
    )
