//! `dependentRequired` (JSON Schema 2020-12; `load` keeps a 3.1 document's as the extension
//! `x-dependent-required`, which a 3.0 author may write too): which properties must be present
//! while another one is, checked by the struct's `validate()`. A struct merged from `allOf`
//! members checks the dependencies of every member, inline or referenced.

use super::Lowerer;
use crate::diag::join;
use crate::ir::Field;
use openapiv3::Schema;
use serde_json::Value;

/// The extension that holds the dependencies in the 3.0 model.
const KEY: &str = "x-dependent-required";

/// Whether `schema` states dependencies (has [`KEY`]).
pub(super) fn states_dependencies(schema: &Schema) -> bool {
    schema.schema_data.extensions.contains_key(KEY)
}

impl Lowerer<'_> {
    /// The dependencies the object schemas `sources` (a schema and its `allOf` members, each
    /// with its JSON pointer) state, by wire name, kept only where both sides are among
    /// `fields` (a name that is not a property gets a warning at the member's keyword: the
    /// client cannot tell whether an undeclared key is present). Each dependent field's
    /// description says which property needs it. Two members' dependencies on one trigger
    /// are checked as one.
    pub(super) fn dependent_required(
        &mut self,
        sources: &[(&Schema, String)],
        fields: &mut [Field],
    ) -> Vec<(String, Vec<String>)> {
        let mut out = Vec::new();
        for (schema, pointer) in sources {
            self.dependencies_of(schema, pointer, fields, &mut out);
        }
        out
    }

    /// [`Self::dependent_required`] for one schema (at `pointer`), added to `out`.
    fn dependencies_of(
        &mut self,
        schema: &Schema,
        pointer: &str,
        fields: &mut [Field],
        out: &mut Vec<(String, Vec<String>)>,
    ) {
        let Some(deps) = schema.schema_data.extensions.get(KEY) else {
            return;
        };
        let at = join(pointer, KEY);
        let Some(deps) = deps.as_object() else {
            self.warn_once(
                &at,
                "`dependentRequired` must map property names to lists of property names; it is not checked".to_owned(),
                "write it as `dependentRequired: {card: [billing_address]}`",
            );
            return;
        };
        for (trigger, required) in deps {
            let names: Vec<&str> = required
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let missing: Vec<&str> = std::iter::once(trigger.as_str())
                .chain(names.iter().copied())
                .filter(|n| !fields.iter().any(|f| f.wire == *n))
                .collect();
            if !missing.is_empty() {
                self.warn_once(
                    &join(&at, trigger),
                    format!(
                        "`dependentRequired` names {} that {} not among the properties; this dependency is not checked",
                        missing.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", "),
                        if missing.len() == 1 { "is" } else { "are" }
                    ),
                    "declare every name under `properties`",
                );
                continue;
            }
            let i = match out.iter().position(|(t, _)| t == trigger) {
                Some(i) => i,
                None => {
                    out.push((trigger.clone(), Vec::new()));
                    out.len() - 1
                }
            };
            // A property that is always present (required, or its own trigger) needs no
            // check, nor one another member's dependency on the same trigger checks already.
            let names: Vec<String> = names
                .into_iter()
                .filter(|n| *n != trigger && !fields.iter().any(|f| f.wire == *n && f.required))
                .filter(|n| !out[i].1.iter().any(|m| m == n))
                .map(str::to_owned)
                .collect();
            for f in fields.iter_mut().filter(|f| names.contains(&f.wire)) {
                let note = format!("Required when `{trigger}` is present (`dependentRequired`).");
                f.doc.description = Some(match f.doc.description.take() {
                    Some(d) => format!("{d}\n\n{note}"),
                    None => note,
                });
            }
            out[i].1.extend(names);
        }
        out.retain(|(_, names)| !names.is_empty());
    }

    /// A warning about the keyword at `pointer`, given once: a member merged into several
    /// structs (a base schema and each struct that extends it) is reported where it was
    /// written, not once per struct.
    fn warn_once(&mut self, pointer: &str, message: String, help: &str) {
        let given = self
            .sink
            .out
            .0
            .iter()
            .any(|d| d.pointer == pointer && d.message == message);
        if !given {
            self.sink.warning(pointer, message, Some(help.to_owned()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::KEY;
    use crate::ir::{Api, TypeKind};

    /// The dependencies of the struct `name` lowered from `text`, and the warnings' pointers.
    fn lowered(text: &str, name: &str) -> (Vec<(String, Vec<String>)>, Vec<String>) {
        let (api, _, diags): (Api, _, _) =
            crate::lower_spec("x.yaml", "x", text).expect("only warnings");
        let ty = api.types.iter().find(|t| t.name == name).expect("the type");
        let TypeKind::Struct(s) = &ty.kind else {
            panic!("{name} is not a struct");
        };
        let pointers = diags.0.iter().map(|d| d.pointer.clone()).collect();
        (s.dependent_required.clone(), pointers)
    }

    fn deps(list: &[(&str, &[&str])]) -> Vec<(String, Vec<String>)> {
        list.iter()
            .map(|(t, n)| (t.to_string(), n.iter().map(|s| s.to_string()).collect()))
            .collect()
    }

    /// A document whose schema `X` is `allOf: [$ref: Base, {properties: {c}, ...}]`, `Base`
    /// having the properties `a` and `b`: `base` and `member` are the dependencies (YAML
    /// flow) of `Base` and of the inline member, under `keyword`.
    fn merged(version: &str, keyword: &str, base: &str, member: &str) -> String {
        let member = if member.is_empty() {
            String::new()
        } else {
            format!("\n        {keyword}: {member}")
        };
        format!(
            "openapi: {version}\ninfo: {{title: t, version: '1'}}\nservers: [{{url: 'https://x'}}]\n\
             paths: {{}}\ncomponents:\n  schemas:\n    Base:\n      type: object\n      \
             properties: {{a: {{type: string}}, b: {{type: string}}}}\n      {keyword}: {base}\n    \
             X:\n      allOf:\n      - $ref: '#/components/schemas/Base'\n      \
             - properties: {{c: {{type: string}}}}{member}\n"
        )
    }

    /// A struct merged from `allOf` checks the referenced member's dependencies and the inline
    /// member's (which may name the other member's properties); a name that is among no
    /// member's properties is warned about at the member's keyword, where it was written.
    #[test]
    fn all_of_members_bring_their_dependencies() {
        let text = merged(
            "3.1.0",
            "dependentRequired",
            "{a: [b]}",
            "{c: [a, b], b: [zz]}",
        );
        let (d, warnings) = lowered(&text, "X");
        assert_eq!(d, deps(&[("a", &["b"]), ("c", &["a", "b"])]));
        assert_eq!(
            warnings,
            ["/components/schemas/X/allOf/1/dependentRequired/b"]
        );
    }

    /// A 3.0 author's `x-dependent-required` in an `allOf` member is read the same way, and
    /// two members' dependencies on one trigger are checked once per property.
    #[test]
    fn extension_in_a_3_0_member_is_read_the_same() {
        let text = merged("3.0.3", KEY, "{a: [b]}", "{a: [b, c], c: [zz]}");
        let (d, warnings) = lowered(&text, "X");
        assert_eq!(d, deps(&[("a", &["b", "c"])]));
        assert_eq!(
            warnings,
            ["/components/schemas/X/allOf/1/x-dependent-required/c"]
        );
    }

    /// A referenced member's dependency that no struct can check is warned about once, at the
    /// member's keyword, not once per struct that merges it.
    #[test]
    fn a_member_merged_twice_is_warned_about_once() {
        let text = merged("3.1.0", "dependentRequired", "{a: [zz]}", "");
        let (d, warnings) = lowered(&text, "X");
        assert!(d.is_empty());
        assert_eq!(warnings, ["/components/schemas/Base/dependentRequired/a"]);
    }
}
