//! Evaluated template values: what a property is once parameters, conditions and
//! intrinsic functions are resolved. References to resources stay symbolic (a
//! resource's id is only known once deployed), and so does anything else only a
//! deployment knows, with the reason. Text and keys borrow from the template where
//! they can, so evaluating copies little.

use std::borrow::Cow;
use std::fmt;

/// A value after evaluation.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Val<'a> {
    /// JSON null.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number, as written.
    Num(Cow<'a, str>),
    /// Text.
    Str(Cow<'a, str>),
    /// A list (`AWS::NoValue` elements already removed).
    List(Vec<Val<'a>>),
    /// A mapping in template order (`AWS::NoValue` entries already removed).
    Map(Vec<(&'a str, Val<'a>)>),
    /// `Ref` to a resource of the template, by logical id.
    Ref(&'a str),
    /// `Fn::GetAtt` of a resource the template creates: (logical id, attribute).
    Att(&'a str, Cow<'a, str>),
    /// A value only known at deploy time, and why (for notes).
    Unknown(String),
}

impl<'a> Val<'a> {
    /// The entry `key` of a mapping.
    pub(crate) fn get(&self, key: &str) -> Option<&Val<'a>> {
        match self {
            Val::Map(m) => m.iter().find(|(k, _)| *k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// A scalar as text: strings, numbers, booleans.
    pub(crate) fn text(&self) -> Option<String> {
        match self {
            Val::Str(s) | Val::Num(s) => Some(s.to_string()),
            Val::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// A string or number as `&str`.
    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Val::Str(s) | Val::Num(s) => Some(s),
            _ => None,
        }
    }

    /// A boolean, also written as the text `true` or `false` (any case).
    pub(crate) fn as_bool(&self) -> Option<bool> {
        match self {
            Val::Bool(b) => Some(*b),
            Val::Str(s) if s.eq_ignore_ascii_case("true") => Some(true),
            Val::Str(s) if s.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        }
    }

    /// An integer, also written as text.
    pub(crate) fn as_int(&self) -> Option<i64> {
        match self {
            Val::Num(s) | Val::Str(s) => s.trim().parse().ok().or_else(|| {
                // A number written as 80.0 is still port 80.
                let f: f64 = s.trim().parse().ok()?;
                (f.fract() == 0.0 && f.abs() < 1e15).then_some(f as i64)
            }),
            _ => None,
        }
    }

    /// A list's items.
    pub(crate) fn as_list(&self) -> Option<&[Val<'a>]> {
        match self {
            Val::List(l) => Some(l),
            _ => None,
        }
    }

    /// The resource a `Ref` or `Fn::GetAtt` points at.
    pub(crate) fn target(&self) -> Option<&str> {
        match self {
            Val::Ref(r) | Val::Att(r, _) => Some(r),
            _ => None,
        }
    }

    /// The value for a note: text as it is, anything else as [`fmt::Display`] writes it.
    pub(crate) fn label(&self) -> String {
        self.text().unwrap_or_else(|| self.to_string())
    }

    /// Whether the value is fully known (no reference or deploy-time value inside).
    pub(crate) fn is_known(&self) -> bool {
        match self {
            Val::Ref(_) | Val::Att(..) | Val::Unknown(_) => false,
            Val::List(l) => l.iter().all(Val::is_known),
            Val::Map(m) => m.iter().all(|(_, v)| v.is_known()),
            _ => true,
        }
    }
}

impl fmt::Display for Val<'_> {
    /// A short rendering for notes and messages.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Val::Null => f.write_str("null"),
            Val::Bool(b) => write!(f, "{b}"),
            Val::Num(s) => f.write_str(s),
            Val::Str(s) => write!(f, "{s:?}"),
            Val::List(l) => {
                f.write_str("[")?;
                for (i, v) in l.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{v}")?;
                }
                f.write_str("]")
            }
            Val::Map(m) => {
                f.write_str("{")?;
                for (i, (k, v)) in m.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{k}: {v}")?;
                }
                f.write_str("}")
            }
            Val::Ref(r) => write!(f, "the id of {r}"),
            Val::Att(r, a) => write!(f, "{r}.{a}"),
            Val::Unknown(why) => write!(f, "a deploy-time value ({why})"),
        }
    }
}

/// Where in the template a value is, for errors: `Resources.Vpc.Properties.CidrBlock`.
/// A linked list on the stack, rendered only when an error needs it.
#[derive(Clone, Copy)]
pub(crate) enum Path<'p> {
    /// A top-level section or name.
    Root(&'p str),
    /// A key under a parent.
    Key(&'p Path<'p>, &'p str),
    /// A list index under a parent.
    Index(&'p Path<'p>, usize),
}

impl<'p> Path<'p> {
    /// The path of `key` under this one.
    pub(crate) fn key(&'p self, key: &'p str) -> Path<'p> {
        Path::Key(self, key)
    }

    /// The path of item `i` under this one.
    pub(crate) fn index(&'p self, i: usize) -> Path<'p> {
        Path::Index(self, i)
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root(s) => f.write_str(s),
            Path::Key(p, k) => write!(f, "{p}.{k}"),
            Path::Index(p, i) => write!(f, "{p}[{i}]"),
        }
    }
}
