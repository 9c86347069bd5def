//! Typed deserialisation errors: a YAML value tree read into the file types
//! through a deserializer whose error says *what kind* of problem it is.
//!
//! yaml_serde's errors are English sentences; classifying them by their
//! wording breaks whenever serde rewords a message. Here the parsed
//! [`Value`] is fed to the `Deserialize` impls through [`Node`], whose
//! error type [`DeError`] records the constructor serde called
//! (`unknown_field`, `missing_field`, …), and `serde_path_to_error` records
//! where (`findings[3].quantity.unit`), which the position index turns into
//! a line and column. Scalars are read as leniently as yaml_serde reads
//! them: a plain `2004` is also the string `"2004"`.

use serde::de::value::{BorrowedStrDeserializer, MapAccessDeserializer, MapDeserializer};
use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};
use serde_yaml::Value;
use std::fmt;
use std::marker::PhantomData;

/// What went wrong deserialising one value.
#[derive(Debug, Clone, PartialEq)]
pub enum DeError {
    /// A key the type does not have.
    UnknownField {
        /// The key as written.
        field: String,
        /// The keys allowed here.
        expected: &'static [&'static str],
    },
    /// A value outside a closed list.
    UnknownVariant {
        /// The value as written.
        variant: String,
        /// The values allowed here.
        expected: &'static [&'static str],
    },
    /// A required key is absent.
    MissingField(&'static str),
    /// A key given twice.
    DuplicateField(&'static str),
    /// A value of the wrong kind (a string where a number goes).
    InvalidType {
        /// What was found, in serde's words (`string "two"`).
        found: String,
        /// What was expected (`u8`).
        expected: String,
    },
    /// A value of the right kind but out of range.
    InvalidValue {
        /// What was found.
        found: String,
        /// What was expected.
        expected: String,
    },
    /// A list of the wrong length.
    InvalidLength {
        /// Its length.
        len: usize,
        /// What was expected.
        expected: String,
    },
    /// A message from a hand-written `Deserialize` impl.
    Custom(String),
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeError::UnknownField { field, .. } => write!(f, "unknown field '{field}'"),
            DeError::UnknownVariant { variant, .. } => {
                write!(f, "'{variant}' is not an allowed value")
            }
            DeError::MissingField(field) => write!(f, "missing required field '{field}'"),
            DeError::DuplicateField(field) => write!(f, "duplicate field '{field}'"),
            DeError::InvalidType { found, expected } => {
                write!(f, "invalid type: {found}, expected {expected}")
            }
            DeError::InvalidValue { found, expected } => {
                write!(f, "invalid value: {found}, expected {expected}")
            }
            DeError::InvalidLength { len, expected } => {
                write!(f, "invalid length {len}, expected {expected}")
            }
            DeError::Custom(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError::Custom(msg.to_string())
    }
    fn invalid_type(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        DeError::InvalidType {
            found: unexp.to_string(),
            expected: exp.to_string(),
        }
    }
    fn invalid_value(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        DeError::InvalidValue {
            found: unexp.to_string(),
            expected: exp.to_string(),
        }
    }
    fn invalid_length(len: usize, exp: &dyn de::Expected) -> Self {
        DeError::InvalidLength {
            len,
            expected: exp.to_string(),
        }
    }
    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        DeError::UnknownVariant {
            variant: variant.to_string(),
            expected,
        }
    }
    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        DeError::UnknownField {
            field: field.to_string(),
            expected,
        }
    }
    fn missing_field(field: &'static str) -> Self {
        DeError::MissingField(field)
    }
    fn duplicate_field(field: &'static str) -> Self {
        DeError::DuplicateField(field)
    }
}

/// A typed error and the path of the value it is about (`corridors[2]`,
/// `findings[0].quantity.value`; empty for the top level).
#[derive(Debug, Clone, PartialEq)]
pub struct PathError {
    /// The path, in the position index's notation.
    pub path: String,
    /// What is wrong.
    pub error: DeError,
}

/// Reads `value` into `T`.
pub fn from_value<T: DeserializeOwned>(value: &Value) -> Result<T, PathError> {
    serde_path_to_error::deserialize(Node::<DeError>::new(value)).map_err(|e| {
        let path = e.path().to_string();
        PathError {
            // serde_path_to_error writes the top level as `.`.
            path: if path == "." { String::new() } else { path },
            error: e.into_inner(),
        }
    })
}

/// One value of the tree, as a deserializer with error type `E`.
pub struct Node<'a, E> {
    value: &'a Value,
    marker: PhantomData<E>,
}

impl<'a, E> Node<'a, E> {
    /// Wraps a value.
    pub fn new(value: &'a Value) -> Self {
        Node {
            value,
            marker: PhantomData,
        }
    }
}

impl<'de, E: de::Error> IntoDeserializer<'de, E> for Node<'de, E> {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

/// The text of a scalar, for a string or an identifier (`1:` as a key).
fn scalar_text(v: &Value) -> Option<std::borrow::Cow<'_, str>> {
    match v {
        Value::String(s) => Some(s.as_str().into()),
        Value::Number(n) => Some(n.to_string().into()),
        Value::Bool(b) => Some(b.to_string().into()),
        _ => None,
    }
}

impl<'de, E: de::Error> Node<'de, E> {
    fn visit_map<V: Visitor<'de>>(m: &'de serde_yaml::Mapping, visitor: V) -> Result<V::Value, E> {
        let mut map = MapDeserializer::new(m.iter().map(|(k, v)| (Node::new(k), Node::new(v))));
        let out = visitor.visit_map(&mut map)?;
        map.end()?;
        Ok(out)
    }
}

impl<'de, E: de::Error> de::Deserializer<'de> for Node<'de, E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => {
                if let Some(u) = n.as_u64() {
                    visitor.visit_u64(u)
                } else if let Some(i) = n.as_i64() {
                    visitor.visit_i64(i)
                } else {
                    visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Sequence(items) => {
                let mut seq = de::value::SeqDeserializer::new(items.iter().map(Node::new));
                let out = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(out)
            }
            Value::Mapping(m) => Self::visit_map(m, visitor),
            // The guard refuses tags before parsing; this is a backstop.
            Value::Tagged(_) => Err(E::custom("YAML tags are not accepted")),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.value {
            Value::String(s) => visitor.visit_borrowed_str(s),
            v => match scalar_text(v) {
                Some(t) => visitor.visit_str(&t),
                None => self.deserialize_any(visitor),
            },
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        self.deserialize_str(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, E> {
        match self.value {
            Value::String(s) => visitor.visit_enum(BorrowedStrDeserializer::<E>::new(s)),
            Value::Number(_) | Value::Bool(_) => {
                let t = scalar_text(self.value).unwrap_or_default().into_owned();
                visitor.visit_enum(t.into_deserializer())
            }
            Value::Mapping(m) if m.len() == 1 => {
                let map = MapDeserializer::new(m.iter().map(|(k, v)| (Node::new(k), Node::new(v))));
                visitor.visit_enum(MapAccessDeserializer::new(map))
            }
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, E> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Item {
        id: String,
        #[serde(default)]
        n: Option<u8>,
        #[serde(default)]
        kind: Option<Kind>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        City,
        Checkpoint,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct List {
        items: Vec<Item>,
    }

    fn read(text: &str) -> Result<List, PathError> {
        from_value(&serde_yaml::from_str(text).unwrap())
    }

    #[test]
    fn errors_are_typed_and_placed() {
        let e = read("items:\n  - {id: a}\n  - {id: b, lable: x}\n").unwrap_err();
        assert_eq!(e.path, "items[1].lable");
        assert!(matches!(e.error, DeError::UnknownField { ref field, .. } if field == "lable"));
        let e = read("items:\n  - {id: a, kind: town}\n").unwrap_err();
        assert_eq!(e.path, "items[0].kind");
        assert_eq!(
            e.error,
            DeError::UnknownVariant {
                variant: "town".into(),
                expected: &["city", "checkpoint"]
            }
        );
        let e = read("items:\n  - {n: 3}\n").unwrap_err();
        assert_eq!(
            (e.path.as_str(), e.error),
            ("items[0]", DeError::MissingField("id"))
        );
        let e = read("items:\n  - {id: a, n: two}\n").unwrap_err();
        assert_eq!(
            e.error.to_string(),
            "invalid type: string \"two\", expected u8"
        );
    }

    #[test]
    fn scalars_read_as_strings_like_yaml_serde() {
        let l = read("items:\n  - {id: 2004, kind: city}\n").unwrap();
        assert_eq!(
            l.items,
            [Item {
                id: "2004".into(),
                n: None,
                kind: Some(Kind::City)
            }]
        );
    }
}
