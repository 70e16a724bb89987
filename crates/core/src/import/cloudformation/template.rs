//! Reading a template: JSON or YAML text into one tree, its sections checked, and its
//! `Parameters` given values (`--parameter` first, then each default), each checked
//! against its `AllowedValues`.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::value::Val;
use super::{yaml, Options};
use crate::import::{ImportError, Source};

/// Parses the template text: JSON when it starts with `{` and parses as JSON, else
/// YAML (of which JSON is nearly a subset).
pub(super) fn parse(src: &Source<'_>) -> Result<Value, ImportError> {
    let text = src.text.strip_prefix('\u{feff}').unwrap_or(src.text);
    let json_like = text.trim_start().starts_with('{');
    if json_like {
        match serde_json::from_str::<Value>(text) {
            Ok(v) => return Ok(v),
            Err(e) => {
                // A flow-style YAML template may start with `{` too.
                if let Ok(v) = yaml::parse(text) {
                    return Ok(v);
                }
                let message = e.to_string();
                let message = match message.find(" at line ") {
                    Some(i) => message[..i].to_string(),
                    None => message,
                };
                return Err(ImportError::Syntax {
                    file: src.name.to_string(),
                    line: e.line(),
                    column: e.column(),
                    truncated: e.classify() == serde_json::error::Category::Eof,
                    message,
                });
            }
        }
    }
    yaml::parse(text).map_err(|e| ImportError::YamlSyntax {
        file: src.name.to_string(),
        line: e.line,
        column: e.column,
        message: e.message,
    })
}

/// The sections of a template the importer reads.
pub(super) struct Sections<'a> {
    /// `Resources`, never empty.
    pub resources: &'a Map<String, Value>,
    /// `Parameters`, if any.
    pub parameters: Option<&'a Map<String, Value>>,
    /// `Mappings`, if any.
    pub mappings: Option<&'a Map<String, Value>>,
    /// `Conditions`, if any.
    pub conditions: Option<&'a Map<String, Value>>,
    /// `Outputs`, if any.
    pub outputs: Option<&'a Map<String, Value>>,
    /// `Metadata.Netwright` (what our own exporter writes), if any.
    pub netwright: Option<&'a Map<String, Value>>,
    /// Top-level keys the importer does not read (`Transform`, `Rules`, `Hooks`, …).
    pub others: Vec<&'a str>,
}

/// The top-level keys of a template that carry nothing for the design.
const IGNORED: &[&str] = &["AWSTemplateFormatVersion", "Description", "Metadata"];

/// Checks the template's shape and finds its sections.
pub(super) fn sections<'a>(file: &str, doc: &'a Value) -> Result<Sections<'a>, ImportError> {
    let err = |path: &str, message: &str| ImportError::Template {
        file: file.to_string(),
        path: path.to_string(),
        message: message.to_string(),
    };
    let Some(root) = doc.as_object() else {
        return Err(err(
            "",
            "not a CloudFormation template: expected a mapping with a Resources section",
        ));
    };
    let resources = match root.get("Resources") {
        None => {
            return Err(err(
                "",
                "not a CloudFormation template: it has no Resources section",
            ))
        }
        Some(Value::Object(r)) if !r.is_empty() => r,
        Some(Value::Object(_)) => {
            return Err(err(
                "Resources",
                "the template declares no resource (CloudFormation needs at least one)",
            ))
        }
        Some(_) => return Err(err("Resources", "expected a mapping of resources")),
    };
    let section = |name: &str| -> Result<Option<&'a Map<String, Value>>, ImportError> {
        match root.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Object(m)) => Ok(Some(m)),
            Some(_) => Err(err(name, "expected a mapping")),
        }
    };
    let netwright = root
        .get("Metadata")
        .and_then(|m| m.get("Netwright"))
        .and_then(Value::as_object);
    for (id, r) in resources {
        if !r.get("Type").is_some_and(Value::is_string) {
            return Err(err(
                &format!("Resources.{id}"),
                "a resource needs a Type such as AWS::EC2::VPC",
            ));
        }
    }
    Ok(Sections {
        resources,
        parameters: section("Parameters")?,
        mappings: section("Mappings")?,
        conditions: section("Conditions")?,
        outputs: section("Outputs")?,
        netwright,
        others: root
            .keys()
            .map(String::as_str)
            .filter(|k| {
                !IGNORED.contains(k)
                    && !matches!(
                        *k,
                        "Resources" | "Parameters" | "Mappings" | "Conditions" | "Outputs"
                    )
            })
            .collect(),
    })
}

/// A literal (a parameter default, a mapping's value) as a value: no intrinsic is
/// evaluated inside.
pub(super) fn literal(v: &Value) -> Val<'_> {
    match v {
        Value::Null => Val::Null,
        Value::Bool(b) => Val::Bool(*b),
        Value::Number(n) => Val::Num(n.to_string().into()),
        Value::String(s) => Val::Str(s.as_str().into()),
        Value::Array(a) => Val::List(a.iter().map(literal).collect()),
        Value::Object(m) => Val::Map(m.iter().map(|(k, v)| (k.as_str(), literal(v))).collect()),
    }
}

/// A scalar literal as text (numbers and booleans written as in the template).
fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The value of every parameter: `--parameter` values first, then defaults. A
/// parameter without either, an unknown `--parameter` or a value outside the
/// parameter's `AllowedValues` is an error.
pub(super) fn parameters(
    file: &str,
    declared: Option<&Map<String, Value>>,
    options: &Options,
) -> Result<HashMap<String, Val<'static>>, ImportError> {
    let empty = Map::new();
    let declared = declared.unwrap_or(&empty);
    for (name, _) in &options.parameters {
        if !declared.contains_key(name) {
            return Err(ImportError::UnknownParameter {
                name: name.clone(),
                known: declared.keys().cloned().collect(),
            });
        }
    }
    let mut out = HashMap::new();
    for (name, decl) in declared {
        let given = options
            .parameters
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone());
        let value = match given.or_else(|| decl.get("Default").and_then(scalar_text)) {
            Some(v) => v,
            None => {
                return Err(ImportError::MissingParameter {
                    file: file.to_string(),
                    name: name.clone(),
                    description: decl
                        .get("Description")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string(),
                })
            }
        };
        let ty = decl.get("Type").and_then(Value::as_str).unwrap_or("String");
        let is_list = ty.starts_with("List<") || ty == "CommaDelimitedList";
        let items: Vec<&str> = if is_list {
            if value.is_empty() {
                Vec::new()
            } else {
                value.split(',').map(str::trim).collect()
            }
        } else {
            vec![value.as_str()]
        };
        if let Some(allowed) = decl.get("AllowedValues").and_then(Value::as_array) {
            let allowed: Vec<String> = allowed.iter().filter_map(scalar_text).collect();
            for item in &items {
                if !allowed.iter().any(|a| a == item) {
                    return Err(ImportError::ParameterValue {
                        name: name.clone(),
                        value: item.to_string(),
                        allowed,
                    });
                }
            }
        }
        let v = if ty.starts_with("AWS::SSM::Parameter::Value<") {
            Val::Unknown(format!("the value of the SSM parameter {value}"))
        } else if is_list {
            Val::List(
                items
                    .iter()
                    .map(|s| Val::Str(s.to_string().into()))
                    .collect(),
            )
        } else if ty == "Number" {
            Val::Num(value.into())
        } else {
            Val::Str(value.into())
        };
        out.insert(name.clone(), v);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn opts(p: &[(&str, &str)]) -> Options {
        Options {
            parameters: p
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..Options::default()
        }
    }

    #[test]
    fn parameters_take_given_values_then_defaults() {
        let decl = json!({
            "Env": {"Type": "String", "Default": "dev", "AllowedValues": ["dev", "prod"]},
            "Azs": {"Type": "CommaDelimitedList", "Default": "a, b"},
            "Count": {"Type": "Number", "Default": 2},
        });
        let m = decl.as_object();
        let got = parameters("t", m, &opts(&[("Env", "prod")])).unwrap();
        assert_eq!(got["Env"].text().as_deref(), Some("prod"));
        assert_eq!(got["Azs"].to_string(), r#"["a", "b"]"#);
        assert_eq!(got["Count"], Val::Num("2".into()));
        let bad = parameters("t", m, &opts(&[("Env", "test")])).unwrap_err();
        assert!(matches!(bad, ImportError::ParameterValue { .. }), "{bad}");
        let unknown = parameters("t", m, &opts(&[("Nope", "1")])).unwrap_err();
        let msg = unknown.to_string();
        assert!(
            msg.contains("Nope") && msg.contains("Env, Azs, Count"),
            "{msg}"
        );
    }

    #[test]
    fn a_parameter_without_default_or_value_is_named() {
        let decl = json!({"KeyName": {"Type": "String", "Description": "SSH key"}});
        let e = parameters("t.yaml", decl.as_object(), &opts(&[])).unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("KeyName") && msg.contains("--parameter KeyName="),
            "{msg}"
        );
    }
}
