//! `Conditions`: each named condition evaluated once, on demand, from `Fn::Equals`,
//! `Fn::And`, `Fn::Or`, `Fn::Not` and `Condition` references. A condition that
//! depends on itself is an error naming the cycle; one that compares a value only a
//! deployment knows is an error too (CloudFormation allows parameters only).

use serde_json::Value;

use super::intrinsics::Eval;
use super::value::{Path, Val};
use crate::import::ImportError;

impl<'a> Eval<'a> {
    /// The value of the condition `name`.
    pub(crate) fn condition(&mut self, name: &str, at: &Path<'_>) -> Result<bool, ImportError> {
        let conditions = self.conditions;
        let Some((key, body)) = conditions.and_then(|c| c.get_key_value(name)) else {
            let known: Vec<&str> = conditions
                .map(|c| c.keys().map(String::as_str).collect())
                .unwrap_or_default();
            let list = if known.is_empty() {
                "the template has no Conditions".to_string()
            } else {
                format!("its conditions: {}", known.join(", "))
            };
            return Err(self.err(at, format!("no condition is named {name}; {list}")));
        };
        match self.cond_state.get(key.as_str()) {
            Some(Some(b)) => return Ok(*b),
            Some(None) => {
                let from = self.cond_stack.iter().position(|c| *c == key).unwrap_or(0);
                let mut chain: Vec<&str> = self.cond_stack[from..].to_vec();
                chain.push(key);
                return Err(self.err(
                    &Path::Root("Conditions"),
                    format!("circular condition: {}", chain.join(" -> ")),
                ));
            }
            None => {}
        }
        self.cond_state.insert(key, None);
        self.cond_stack.push(key);
        let root = Path::Root("Conditions");
        let here = root.key(key);
        let result = self.condition_value(body, &here);
        self.cond_stack.pop();
        let b = result?;
        self.cond_state.insert(key, Some(b));
        Ok(b)
    }

    /// The truth of a condition's body (or of an argument of `Fn::And`, …).
    fn condition_value(&mut self, v: &'a Value, at: &Path<'_>) -> Result<bool, ImportError> {
        self.enter(at)?;
        let out = match v {
            Value::Bool(b) => Ok(*b),
            Value::String(s) if s.eq_ignore_ascii_case("true") => Ok(true),
            Value::String(s) if s.eq_ignore_ascii_case("false") => Ok(false),
            Value::Object(m) if m.len() == 1 => {
                let (k, arg) = m.iter().next().expect("one entry");
                match (k.as_str(), arg) {
                    ("Condition", Value::String(name)) => self.condition(name, &at.key(k)),
                    ("Fn::If", _) => match self.eval(v, at)? {
                        Some(Val::Bool(b)) => Ok(b),
                        other => {
                            Err(self.err(at, format!("expected true or false, not {other:?}")))
                        }
                    },
                    _ => self.condition_function(k, arg, &at.key(k)),
                }
            }
            _ => Err(self.err(
                at,
                "expected a condition: Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition",
            )),
        };
        self.leave();
        out
    }

    /// `Fn::Equals`, `Fn::And`, `Fn::Or` or `Fn::Not` applied to `arg`.
    pub(crate) fn condition_function(
        &mut self,
        name: &str,
        arg: &'a Value,
        at: &Path<'_>,
    ) -> Result<bool, ImportError> {
        let items = match arg {
            Value::Array(a) => a.as_slice(),
            _ => return Err(self.err(at, format!("{name} takes a list"))),
        };
        match name {
            "Fn::Equals" => {
                if items.len() != 2 {
                    return Err(self.err(at, "Fn::Equals takes a list of 2 values"));
                }
                let a = self.value(&items[0], &at.index(0))?;
                let b = self.value(&items[1], &at.index(1))?;
                for x in [&a, &b] {
                    if !x.is_known() {
                        return Err(self.err(
                            at,
                            format!("Fn::Equals compares {x}, which only a deployment knows: conditions may use parameters only"),
                        ));
                    }
                }
                Ok(same(&a, &b))
            }
            "Fn::Not" => {
                if items.len() != 1 {
                    return Err(self.err(at, "Fn::Not takes a list of 1 condition"));
                }
                Ok(!self.condition_value(&items[0], &at.index(0))?)
            }
            "Fn::And" | "Fn::Or" => {
                if !(2..=10).contains(&items.len()) {
                    return Err(self.err(at, format!("{name} takes a list of 2 to 10 conditions")));
                }
                let mut all = true;
                let mut any = false;
                for (i, item) in items.iter().enumerate() {
                    let b = self.condition_value(item, &at.index(i))?;
                    all &= b;
                    any |= b;
                }
                Ok(if name == "Fn::And" { all } else { any })
            }
            other => Err(self.err(at, format!("{other} is not a condition function"))),
        }
    }
}

/// Whether two known values are equal as CloudFormation compares them: scalars as
/// text (`2` equals `"2"`), lists item by item.
fn same(a: &Val<'_>, b: &Val<'_>) -> bool {
    match (a, b) {
        (Val::List(x), Val::List(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        _ => match (a.text(), b.text()) {
            (Some(x), Some(y)) => x == y,
            _ => a == b,
        },
    }
}
