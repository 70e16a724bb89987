//! The functions that build text and lists: `Fn::Sub`, `Fn::Join`, `Fn::Select`,
//! `Fn::FindInMap` and `Fn::Cidr`, as more methods of the evaluator.

use std::borrow::Cow;
use std::net::Ipv4Addr;

use serde_json::Value;

use super::intrinsics::{Eval, MAX_TEXT};
use super::template::literal;
use super::value::{Path, Val};
use crate::import::ImportError;

impl<'a> Eval<'a> {
    pub(super) fn sub(&mut self, arg: &'a Value, at: &Path<'_>) -> Result<Val<'a>, ImportError> {
        let (template, vars) = match arg {
            Value::String(s) => (s.as_str(), None),
            Value::Array(a) if a.len() == 2 => match (&a[0], &a[1]) {
                (Value::String(s), Value::Object(m)) => (s.as_str(), Some(m)),
                _ => return Err(self.err(at, "Fn::Sub takes a string, or [string, {variables}]")),
            },
            _ => return Err(self.err(at, "Fn::Sub takes a string, or [string, {variables}]")),
        };
        let mut values: Vec<(&str, Val<'a>)> = Vec::new();
        if let Some(m) = vars {
            let vars_at = at.index(1);
            for (k, v) in m {
                let x = self.value(v, &vars_at.key(k))?;
                values.push((k, x));
            }
        }
        let mut out = String::new();
        let mut rest = template;
        let mut whole: Option<Val<'a>> = None;
        while let Some(i) = rest.find("${") {
            out.push_str(&rest[..i]);
            let after = &rest[i + 2..];
            let Some(end) = after.find('}') else {
                out.push_str(&rest[i..]);
                rest = "";
                break;
            };
            let name = &after[..end];
            rest = &after[end + 1..];
            if let Some(lit) = name.strip_prefix('!') {
                out.push_str("${");
                out.push_str(lit);
                out.push('}');
                continue;
            }
            let name = name.trim();
            let v = match values.iter().find(|(k, _)| *k == name) {
                Some((_, v)) => v.clone(),
                None => match name.split_once('.') {
                    Some((r, a))
                        if !self.params.contains_key(name) && !name.starts_with("AWS::") =>
                    {
                        self.attribute(r, a, at)?
                    }
                    _ => self
                        .lookup(name, at, "Fn::Sub names")?
                        .unwrap_or(Val::Str(Cow::Borrowed(""))),
                },
            };
            match v {
                Val::Str(s) | Val::Num(s) => out.push_str(&s),
                Val::Bool(b) => out.push_str(&b.to_string()),
                x if !x.is_known() => {
                    if template.trim() == format!("${{{name}}}") {
                        whole = Some(x);
                    } else {
                        return Ok(Val::Unknown(format!("Fn::Sub of {x}")));
                    }
                }
                other => {
                    return Err(self.err(at, format!("Fn::Sub: ${{{name}}} is {other}, not text")))
                }
            }
            if out.len() > MAX_TEXT {
                return Err(self.err(at, "Fn::Sub builds too long a text"));
            }
        }
        if let Some(w) = whole {
            return Ok(w);
        }
        out.push_str(rest);
        Ok(Val::Str(out.into()))
    }

    pub(super) fn join(&mut self, arg: &'a Value, at: &Path<'_>) -> Result<Val<'a>, ImportError> {
        let a = self.args(arg, 2..=2, at, "Fn::Join")?;
        let Some(delim) = self.text(&a[0], &at.index(0), "the delimiter")? else {
            return Ok(Val::Unknown("Fn::Join with a deploy-time delimiter".into()));
        };
        let items = match self.value(&a[1], &at.index(1))? {
            Val::List(l) => l,
            x if !x.is_known() => return Ok(Val::Unknown("Fn::Join of a deploy-time list".into())),
            other => {
                return Err(self.err(&at.index(1), format!("Fn::Join takes a list, not {other}")))
            }
        };
        let mut parts = Vec::with_capacity(items.len());
        for item in &items {
            match item {
                Val::Str(s) | Val::Num(s) => parts.push(s.as_ref()),
                x if !x.is_known() => return Ok(Val::Unknown(format!("Fn::Join of {x}"))),
                other => return Err(self.err(at, format!("Fn::Join: {other} is not text"))),
            }
        }
        let out = parts.join(&delim);
        if out.len() > MAX_TEXT {
            return Err(self.err(at, "Fn::Join builds too long a text"));
        }
        Ok(Val::Str(out.into()))
    }

    pub(super) fn select(&mut self, arg: &'a Value, at: &Path<'_>) -> Result<Val<'a>, ImportError> {
        let a = self.args(arg, 2..=2, at, "Fn::Select")?;
        let index = self.value(&a[0], &at.index(0))?;
        let Some(i) = index.as_int() else {
            return Err(self.err(
                &at.index(0),
                format!("Fn::Select needs an index, not {index}"),
            ));
        };
        match self.value(&a[1], &at.index(1))? {
            Val::List(l) => match usize::try_from(i).ok().and_then(|i| l.get(i)) {
                Some(v) => Ok(v.clone()),
                None => Err(self.err(
                    at,
                    format!(
                        "Fn::Select: index {i} is outside the list of {} items",
                        l.len()
                    ),
                )),
            },
            x if !x.is_known() => Ok(Val::Unknown(format!("an item of {x}"))),
            other => Err(self.err(
                &at.index(1),
                format!("Fn::Select takes a list, not {other}"),
            )),
        }
    }

    pub(super) fn find_in_map(
        &mut self,
        arg: &'a Value,
        at: &Path<'_>,
    ) -> Result<Val<'a>, ImportError> {
        let a = self.args(arg, 3..=4, at, "Fn::FindInMap")?;
        let mut keys = Vec::with_capacity(3);
        for (i, k) in a.iter().take(3).enumerate() {
            match self.text(k, &at.index(i), "a key")? {
                Some(s) => keys.push(s),
                None => return Ok(Val::Unknown("Fn::FindInMap with a deploy-time key".into())),
            }
        }
        let found = self
            .mappings
            .and_then(|m| m.get(&keys[0]))
            .and_then(|m| m.get(&keys[1]))
            .and_then(|m| m.get(&keys[2]));
        match found {
            Some(v) => Ok(literal(v)),
            None => match a.get(3).and_then(|d| d.get("DefaultValue")) {
                Some(d) => self.value(d, &at.index(3)),
                None => Err(self.err(
                    at,
                    format!(
                        "Fn::FindInMap: Mappings has no {}.{}.{}",
                        keys[0], keys[1], keys[2]
                    ),
                )),
            },
        }
    }

    pub(super) fn cidr(&mut self, arg: &'a Value, at: &Path<'_>) -> Result<Val<'a>, ImportError> {
        let a = self.args(arg, 3..=3, at, "Fn::Cidr")?;
        let Some(block) = self.text(&a[0], &at.index(0), "the block")? else {
            return Ok(Val::Unknown("Fn::Cidr of a deploy-time block".into()));
        };
        let count = self.value(&a[1], &at.index(1))?.as_int();
        let bits = self.value(&a[2], &at.index(2))?.as_int();
        if block.contains(':') {
            return Ok(Val::Unknown(
                "Fn::Cidr of an IPv6 block is not evaluated".into(),
            ));
        }
        let net = crate::cidr::parse(&block)
            .map_err(|e| self.err(&at.index(0), format!("Fn::Cidr: {e}")))?;
        let (Some(count), Some(bits)) = (count, bits) else {
            return Err(self.err(at, "Fn::Cidr takes a block, a count and a number of bits"));
        };
        let prefix = i64::from(net.net.prefix_len());
        let new_prefix = 32 - bits;
        if !(1..=256).contains(&count) || bits < 1 || new_prefix < prefix {
            return Err(self.err(
                at,
                format!("Fn::Cidr: cannot cut {count} blocks of {bits} bits from {block}"),
            ));
        }
        let available = 1i64 << (new_prefix - prefix).min(62);
        if count > available {
            return Err(self.err(
                at,
                format!("Fn::Cidr: {block} holds only {available} blocks of /{new_prefix}"),
            ));
        }
        let base = u32::from(net.net.network());
        let size = 1u64 << bits;
        let list = (0..count as u64)
            .map(|i| {
                let addr = Ipv4Addr::from((u64::from(base) + i * size) as u32);
                Val::Str(format!("{addr}/{new_prefix}").into())
            })
            .collect();
        Ok(Val::List(list))
    }
}
