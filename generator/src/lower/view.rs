//! One uniform view of a schema, whichever of openapiv3's forms it was parsed into
//! (`Type`, `OneOf`, `AllOf`, `AnyOf`, `Not`, or the catch-all `Any` used for mixed keywords).

use openapiv3::{
    AdditionalProperties, ReferenceOr, Schema, SchemaData, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};
use serde_json::Value;
use std::borrow::Cow;

/// A schema or a `$ref` to one, borrowed from the document.
#[derive(Debug, Clone, Copy)]
pub enum SchemaRef<'a> {
    Ref(&'a str),
    Item(&'a Schema),
}

impl<'a> From<&'a ReferenceOr<Schema>> for SchemaRef<'a> {
    fn from(r: &'a ReferenceOr<Schema>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(s) => SchemaRef::Item(s),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for SchemaRef<'a> {
    fn from(r: &'a ReferenceOr<Box<Schema>>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(s) => SchemaRef::Item(s),
        }
    }
}

/// The one member of a schema's `allOf`, if it has exactly one (a wrapper that adds a
/// description or `nullable` to a `$ref`). Cheaper than [`View::of`] when that is all one needs.
pub fn single_all_of(schema: &Schema) -> Option<SchemaRef<'_>> {
    let all_of = match &schema.schema_kind {
        SchemaKind::AllOf { all_of } => all_of,
        SchemaKind::Any(a) => &a.all_of,
        _ => return None,
    };
    match all_of.as_slice() {
        [only] => Some(only.into()),
        _ => None,
    }
}

/// The keywords of one schema object, flattened.
#[derive(Debug)]
pub struct View<'a> {
    pub data: &'a SchemaData,
    pub typ: Option<&'a str>,
    pub format: Option<&'a str>,
    pub enum_values: EnumValues<'a>,
    pub pattern: Option<&'a str>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub exclusive_minimum: bool,
    pub exclusive_maximum: bool,
    pub properties: Vec<(&'a str, SchemaRef<'a>)>,
    pub required: Vec<&'a str>,
    pub additional: Option<&'a AdditionalProperties>,
    pub items: Option<SchemaRef<'a>>,
    pub min_items: Option<usize>,
    pub max_items: Option<usize>,
    pub unique_items: bool,
    pub one_of: Vec<SchemaRef<'a>>,
    pub any_of: Vec<SchemaRef<'a>>,
    pub all_of: Vec<SchemaRef<'a>>,
    pub has_not: bool,
}

/// A schema's `enum`, borrowed in whichever form openapiv3 parsed it (a view is made for every
/// schema lowered; copying every enum into JSON values each time was a cost of its own).
#[derive(Debug, Clone, Copy)]
pub enum EnumValues<'a> {
    Strings(&'a [Option<String>]),
    Numbers(&'a [Option<f64>]),
    Integers(&'a [Option<i64>]),
    Values(&'a [Value]),
}

impl<'a> EnumValues<'a> {
    pub fn is_empty(&self) -> bool {
        match self {
            EnumValues::Strings(v) => v.is_empty(),
            EnumValues::Numbers(v) => v.is_empty(),
            EnumValues::Integers(v) => v.is_empty(),
            EnumValues::Values(v) => v.is_empty(),
        }
    }

    /// The values as JSON (`null` for a listed `null`, and for a number JSON cannot hold).
    pub fn values(&self) -> Vec<Cow<'a, Value>> {
        match self {
            EnumValues::Strings(v) => v
                .iter()
                .map(|e| Cow::Owned(e.clone().map_or(Value::Null, Value::String)))
                .collect(),
            EnumValues::Numbers(v) => v.iter().map(|e| Cow::Owned(number(*e))).collect(),
            EnumValues::Integers(v) => v
                .iter()
                .map(|e| Cow::Owned(e.map_or(Value::Null, Value::from)))
                .collect(),
            EnumValues::Values(v) => v.iter().map(Cow::Borrowed).collect(),
        }
    }

    /// Whether [`Self::values`] has a `null` (`want_null`) or a value that is not.
    fn any(&self, want_null: bool) -> bool {
        match self {
            EnumValues::Strings(v) => v.iter().any(|e| e.is_none() == want_null),
            EnumValues::Numbers(v) => v.iter().any(|e| number(*e).is_null() == want_null),
            EnumValues::Integers(v) => v.iter().any(|e| e.is_none() == want_null),
            EnumValues::Values(v) => v.iter().any(|e| e.is_null() == want_null),
        }
    }

    /// Whether a value other than `null` is listed.
    pub fn has_value(&self) -> bool {
        self.any(false)
    }

    /// Whether `null` is listed.
    pub fn has_null(&self) -> bool {
        self.any(true)
    }

    /// Whether a listed value has the JSON type `typ` (`string`, or `integer`: a whole number),
    /// so that the enum has at least one variant.
    pub fn has_value_of(&self, typ: &str) -> bool {
        match (self, typ) {
            (EnumValues::Strings(v), "string") => v.iter().any(Option::is_some),
            (EnumValues::Integers(v), "integer") => v.iter().any(Option::is_some),
            (EnumValues::Values(v), "string") => v.iter().any(Value::is_string),
            (EnumValues::Values(v), "integer") => v.iter().any(|e| e.as_i64().is_some()),
            _ => false,
        }
    }
}

/// A number enum value as JSON: `null` for a missing one, and for one JSON cannot hold (NaN).
fn number(e: Option<f64>) -> Value {
    e.and_then(serde_json::Number::from_f64)
        .map_or(Value::Null, Value::Number)
}

fn fmt_name<T: std::fmt::Debug>(
    f: &VariantOrUnknownOrEmpty<T>,
    known: impl Fn(&T) -> &'static str,
) -> Option<&str> {
    match f {
        VariantOrUnknownOrEmpty::Item(t) => Some(known(t)),
        VariantOrUnknownOrEmpty::Unknown(s) => Some(s),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

impl<'a> View<'a> {
    pub fn of(schema: &'a Schema) -> View<'a> {
        let mut v = View {
            data: &schema.schema_data,
            typ: None,
            format: None,
            enum_values: EnumValues::Values(&[]),
            pattern: None,
            min_length: None,
            max_length: None,
            minimum: None,
            maximum: None,
            exclusive_minimum: false,
            exclusive_maximum: false,
            properties: Vec::new(),
            required: Vec::new(),
            additional: None,
            items: None,
            min_items: None,
            max_items: None,
            unique_items: false,
            one_of: Vec::new(),
            any_of: Vec::new(),
            all_of: Vec::new(),
            has_not: false,
        };
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => {
                v.typ = Some("string");
                v.format = fmt_name(&s.format, |f| match f {
                    StringFormat::Date => "date",
                    StringFormat::DateTime => "date-time",
                    StringFormat::Password => "password",
                    StringFormat::Byte => "byte",
                    StringFormat::Binary => "binary",
                });
                v.pattern = s.pattern.as_deref();
                v.enum_values = EnumValues::Strings(&s.enumeration);
                v.min_length = s.min_length;
                v.max_length = s.max_length;
            }
            SchemaKind::Type(Type::Number(n)) => {
                v.typ = Some("number");
                v.format = fmt_name(&n.format, |f| match f {
                    openapiv3::NumberFormat::Float => "float",
                    openapiv3::NumberFormat::Double => "double",
                });
                v.minimum = n.minimum;
                v.maximum = n.maximum;
                v.exclusive_minimum = n.exclusive_minimum;
                v.exclusive_maximum = n.exclusive_maximum;
                v.enum_values = EnumValues::Numbers(&n.enumeration);
            }
            SchemaKind::Type(Type::Integer(i)) => {
                v.typ = Some("integer");
                v.format = fmt_name(&i.format, |f| match f {
                    openapiv3::IntegerFormat::Int32 => "int32",
                    openapiv3::IntegerFormat::Int64 => "int64",
                });
                v.minimum = i.minimum.map(|m| m as f64);
                v.maximum = i.maximum.map(|m| m as f64);
                v.exclusive_minimum = i.exclusive_minimum;
                v.exclusive_maximum = i.exclusive_maximum;
                v.enum_values = EnumValues::Integers(&i.enumeration);
            }
            SchemaKind::Type(Type::Boolean(_)) => v.typ = Some("boolean"),
            SchemaKind::Type(Type::Object(o)) => {
                v.typ = Some("object");
                v.properties = o
                    .properties
                    .iter()
                    .map(|(k, s)| (k.as_str(), s.into()))
                    .collect();
                v.required = o.required.iter().map(String::as_str).collect();
                v.additional = o.additional_properties.as_ref();
            }
            SchemaKind::Type(Type::Array(a)) => {
                v.typ = Some("array");
                v.items = a.items.as_ref().map(Into::into);
                v.min_items = a.min_items;
                v.max_items = a.max_items;
                v.unique_items = a.unique_items;
            }
            SchemaKind::OneOf { one_of } => v.one_of = one_of.iter().map(Into::into).collect(),
            SchemaKind::AllOf { all_of } => v.all_of = all_of.iter().map(Into::into).collect(),
            SchemaKind::AnyOf { any_of } => v.any_of = any_of.iter().map(Into::into).collect(),
            SchemaKind::Not { .. } => v.has_not = true,
            SchemaKind::Any(a) => {
                v.typ = a.typ.as_deref();
                v.format = a.format.as_deref();
                v.pattern = a.pattern.as_deref();
                v.min_length = a.min_length;
                v.max_length = a.max_length;
                v.minimum = a.minimum;
                v.maximum = a.maximum;
                v.exclusive_minimum = a.exclusive_minimum.unwrap_or(false);
                v.exclusive_maximum = a.exclusive_maximum.unwrap_or(false);
                v.properties = a
                    .properties
                    .iter()
                    .map(|(k, s)| (k.as_str(), s.into()))
                    .collect();
                v.required = a.required.iter().map(String::as_str).collect();
                v.additional = a.additional_properties.as_ref();
                v.items = a.items.as_ref().map(Into::into);
                v.min_items = a.min_items;
                v.max_items = a.max_items;
                v.unique_items = a.unique_items.unwrap_or(false);
                v.enum_values = EnumValues::Values(&a.enumeration);
                v.one_of = a.one_of.iter().map(Into::into).collect();
                v.all_of = a.all_of.iter().map(Into::into).collect();
                v.any_of = a.any_of.iter().map(Into::into).collect();
                v.has_not = a.not.is_some();
                if v.typ.is_none() && !v.properties.is_empty() {
                    v.typ = Some("object");
                }
            }
        }
        v
    }

    /// Whether the enum lists `null` (which makes the value nullable, not a variant).
    pub fn enum_has_null(&self) -> bool {
        self.enum_values.has_null()
    }

    pub fn is_object_like(&self) -> bool {
        self.typ == Some("object") || !self.properties.is_empty()
    }
}
