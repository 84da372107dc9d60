#!/usr/bin/env python3
"""Validates JSON instances against schemas inside OpenAPI 3.0 specs, with an independent
validator (openapi-schema-validator's OAS 3.0 dialect: `nullable`, readOnly/writeOnly).

stdin: a JSON list of {"label", "spec", "pointer", "direction": "request"|"response", "instance"}.
stdout: one line per instance, `ok <label>` or `FAIL <label>: <error at path>`.
Exit status 1 when any instance fails, 2 on bad input.

Used by tests/page_examples.rs (every example on the vendor pages must fit the spec).
"""
import json
import sys

import yaml
from openapi_schema_validator import OAS30ReadValidator, OAS30WriteValidator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4


def main() -> int:
    jobs = json.load(sys.stdin)
    specs = {}
    failed = False
    for job in jobs:
        spec = specs.get(job["spec"])
        if spec is None:
            with open(job["spec"], encoding="utf-8") as f:
                spec = specs[job["spec"]] = yaml.safe_load(f)
        registry = Registry().with_resource(
            "urn:spec", Resource.from_contents(spec, default_specification=DRAFT4)
        )
        cls = OAS30WriteValidator if job["direction"] == "request" else OAS30ReadValidator
        validator = cls({"$ref": "urn:spec#" + job["pointer"]}, registry=registry)
        errors = sorted(validator.iter_errors(job["instance"]), key=lambda e: list(e.path))
        if errors:
            failed = True
            for e in errors:
                where = "/".join(str(p) for p in e.path)
                print(f"FAIL {job['label']}: /{where}: {e.message}")
        else:
            print(f"ok {job['label']}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
