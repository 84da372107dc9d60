//! The name an inline type would get from where it stands (`CreatePersonaRequestVoice`), put
//! together only when an inline type is actually made: most values are strings and numbers, and
//! case-converting every operation id and property name on the way to them was most of
//! lowering's time.

use crate::ident::type_name;

/// A name in parts, each borrowed from the caller's stack frame. [`Ctx::build`] gives exactly
/// the string the parts spell: raw parts as they are, named parts through [`type_name`].
#[derive(Clone, Copy)]
pub(super) struct Ctx<'c> {
    before: Option<&'c Ctx<'c>>,
    part: Part<'c>,
}

#[derive(Clone, Copy)]
enum Part<'c> {
    /// Appended as it is (a Rust type name, or a fixed suffix like `Item`).
    Raw(&'c str),
    /// Appended as [`type_name`] makes it (an operation id, a property name).
    Named(&'c str),
}

impl<'c> Ctx<'c> {
    /// A name that starts with `raw`, as it is.
    pub fn raw(raw: &'c str) -> Self {
        Ctx {
            before: None,
            part: Part::Raw(raw),
        }
    }

    /// A name that starts with `type_name(raw)`.
    pub fn named(raw: &'c str) -> Self {
        Ctx {
            before: None,
            part: Part::Named(raw),
        }
    }

    /// This name followed by `raw`, as it is.
    pub fn then_raw(&'c self, raw: &'c str) -> Self {
        Ctx {
            before: Some(self),
            part: Part::Raw(raw),
        }
    }

    /// This name followed by `type_name(raw)`.
    pub fn then_named(&'c self, raw: &'c str) -> Self {
        Ctx {
            before: Some(self),
            part: Part::Named(raw),
        }
    }

    /// The name, put together.
    pub fn build(&self) -> String {
        let mut out = String::new();
        self.push_to(&mut out);
        out
    }

    fn push_to(&self, out: &mut String) {
        if let Some(before) = self.before {
            before.push_to(out);
        }
        match self.part {
            Part::Raw(raw) => out.push_str(raw),
            Part::Named(raw) => out.push_str(&type_name(raw)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_put_together_in_order() {
        let op = Ctx::named("list-personas");
        let param = op.then_named("sort_by");
        assert_eq!(param.build(), "ListPersonasSortBy");
        let item = param.then_raw("Item");
        assert_eq!(item.build(), "ListPersonasSortByItem");
        assert_eq!(
            Ctx::raw("Persona").then_named("voice").build(),
            "PersonaVoice"
        );
    }
}
