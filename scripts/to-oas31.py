#!/usr/bin/env python3
"""Rewrites an OpenAPI 3.0 spec as OpenAPI 3.1, the way a 3.1 author writes the same API.

    scripts/to-oas31.py spec/coval.yaml > tests/fixtures/oas31/coval.yaml

Used to make tests/fixtures/oas31/coval.yaml, which tests/oas31.rs checks generates the same
module API as spec/coval.yaml (re-run this script when spec/coval.yaml changes). In schemas:
  - `nullable: true` → `type: [T, "null"]`, or `anyOf: [X, {type: "null"}]` without a type;
  - `allOf: [$ref]` with only annotations beside it → `$ref` with sibling keywords;
  - `example` → `examples: [...]`;
  - `exclusiveMinimum: true` + `minimum: x` → `exclusiveMinimum: x` (and the maximum);
  - a single-value `enum` → `const`;
  - `format: byte` → `contentEncoding: base64`, `format: binary` → `contentMediaType`.
Comments are not kept (PyYAML drops them); the header says where the text came from.
"""
import sys

import yaml

SUB_ONE = ("items", "not", "additionalProperties")
SUB_MAP = ("properties",)
SUB_LIST = ("allOf", "anyOf", "oneOf")


def schema(s):
    if not isinstance(s, dict):
        return s
    for k in SUB_ONE:
        if isinstance(s.get(k), dict):
            s[k] = schema(s[k])
    for k in SUB_MAP:
        if isinstance(s.get(k), dict):
            s[k] = {name: schema(v) for name, v in s[k].items()}
    for k in SUB_LIST:
        if isinstance(s.get(k), list):
            s[k] = [schema(v) for v in s[k]]
    out = dict(s)
    if "example" in out:
        out = replace_key(out, "example", "examples", [out["example"]])
    for bound, excl in (("minimum", "exclusiveMinimum"), ("maximum", "exclusiveMaximum")):
        if out.get(excl) is True and bound in out:
            value = out.pop(bound)
            out[excl] = value
        elif out.get(excl) is False:
            out.pop(excl)
    fmt = out.get("format")
    if fmt == "byte":
        out = replace_key(out, "format", "contentEncoding", "base64")
    elif fmt == "binary":
        out = replace_key(out, "format", "contentMediaType", "application/octet-stream")
    enum = out.get("enum")
    if (
        isinstance(enum, list)
        and len(enum) == 1
        and enum[0] is not None
        and "x-enum-varnames" not in out
    ):
        out = replace_key(out, "enum", "const", enum[0])
    if out.pop("nullable", False):
        if "type" in out:
            out["type"] = [out["type"], "null"]
        else:
            rest = {k: v for k, v in out.items() if k != "allOf"}
            members = out.get("allOf")
            if isinstance(members, list) and len(members) == 1:
                out = {"anyOf": [members[0], {"type": "null"}], **rest}
            else:
                out = {"anyOf": [{k: v for k, v in out.items()}, {"type": "null"}]}
    members = out.get("allOf")
    annotations = {"description", "title", "deprecated", "readOnly", "writeOnly", "examples", "default"}
    if (
        isinstance(members, list)
        and len(members) == 1
        and isinstance(members[0], dict)
        and list(members[0]) == ["$ref"]
        and set(out) - {"allOf"} <= annotations
    ):
        out = replace_key(out, "allOf", "$ref", members[0]["$ref"])
    return out


def replace_key(d, old, new, value):
    """`d` with the entry `old` replaced, in its place, by `new: value`."""
    return {(new if k == old else k): (value if k == old else v) for k, v in d.items()}


def walk(node):
    """Rewrites every schema in the document (values of `schema` keys and component schemas)."""
    if isinstance(node, dict):
        for k, v in list(node.items()):
            if k == "schema" and isinstance(v, dict):
                node[k] = schema(v)
            else:
                walk(v)
    elif isinstance(node, list):
        for v in node:
            walk(v)


def main():
    path = sys.argv[1]
    with open(path) as f:
        doc = yaml.safe_load(f)
    doc["openapi"] = "3.1.1"
    schemas = doc.get("components", {}).get("schemas", {})
    for name in list(schemas):
        schemas[name] = schema(schemas[name])
    walk(doc.get("paths", {}))
    for key in ("parameters", "headers", "requestBodies", "responses"):
        walk(doc.get("components", {}).get(key, {}))
    sys.stdout.write(
        f"# {path} rewritten as OpenAPI 3.1 by scripts/to-oas31.py (do not edit by hand):\n"
        "# tests/oas31.rs checks that it generates the same module API as the 3.0 original.\n"
    )
    yaml.safe_dump(doc, sys.stdout, sort_keys=False, allow_unicode=True, width=100)


if __name__ == "__main__":
    main()
