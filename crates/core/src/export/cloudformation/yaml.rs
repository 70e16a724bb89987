//! A small deterministic YAML emitter for JSON documents: block style, two-space
//! indent, keys in document order, every string double-quoted.
//!
//! Quoting every string value sidesteps YAML's implicit typing (`yes`, `no`, `null`,
//! `~`, `2010-09-09`, `0x10`, `.inf` stay strings) and every indicator (`-`, `:`, `#`,
//! `&`, `*`, `!`, `|`, `>`, `'`, `%`, `@`, a backtick). Inside the double quotes, `"`
//! and `\` are escaped, and so is every character YAML does not print or would fold
//! as a line break (controls, DEL, C1 controls, U+2028, U+2029, the BOM, U+FFFE/F).
//! Keys stay plain only when they are identifiers such as `Fn::GetAtt`. Intrinsic
//! functions are written in their long form (`Ref:`, `Fn::GetAtt:`), never as `!Ref`
//! tags, so that any YAML 1.1 or 1.2 parser reads back the same document as the JSON.

use std::fmt::Write as _;

use serde_json::Value;

/// The YAML text of `value` (normally an object), ending with a newline.
pub(super) fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(m) if !m.is_empty() => block(&mut out, value, 0),
        Value::Array(a) if !a.is_empty() => block(&mut out, value, 0),
        scalar => {
            write_scalar(&mut out, scalar);
            out.push('\n');
        }
    }
    out
}

/// Writes a non-empty object or array as a block, each line at `indent`.
fn block(out: &mut String, value: &Value, indent: usize) {
    match value {
        Value::Object(m) => {
            for (k, v) in m {
                pad(out, indent);
                write_key(out, k);
                after_key(out, v, indent);
            }
        }
        Value::Array(a) => {
            for item in a {
                pad(out, indent);
                out.push('-');
                after_dash(out, item, indent);
            }
        }
        _ => unreachable!("block() is only called with non-empty collections"),
    }
}

/// Writes what follows `key:` at `indent`, with its newline.
fn after_key(out: &mut String, v: &Value, indent: usize) {
    if is_collection(v) {
        out.push('\n');
        block(out, v, indent + 2);
    } else {
        out.push(' ');
        write_scalar(out, v);
        out.push('\n');
    }
}

/// Writes what follows `- ` at `indent`: a compact collection or a scalar.
fn after_dash(out: &mut String, v: &Value, indent: usize) {
    match v {
        Value::Object(m) if !m.is_empty() => {
            out.push(' ');
            for (i, (k, v)) in m.iter().enumerate() {
                if i > 0 {
                    pad(out, indent + 2);
                }
                write_key(out, k);
                after_key(out, v, indent + 2);
            }
        }
        Value::Array(a) if !a.is_empty() => {
            out.push(' ');
            for (i, item) in a.iter().enumerate() {
                if i > 0 {
                    pad(out, indent + 2);
                }
                out.push('-');
                after_dash(out, item, indent + 2);
            }
        }
        scalar => {
            out.push(' ');
            write_scalar(out, scalar);
            out.push('\n');
        }
    }
}

fn is_collection(v: &Value) -> bool {
    match v {
        Value::Object(m) => !m.is_empty(),
        Value::Array(a) => !a.is_empty(),
        _ => false,
    }
}

fn pad(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

/// Words YAML 1.1 reads as booleans or null when plain.
const RESERVED: &[&str] = &["y", "n", "yes", "no", "on", "off", "true", "false", "null"];

/// Whether a key can be written plain: an identifier, optionally `::`-separated
/// (`Resources`, `Fn::GetAtt`), that no YAML version reads as anything but a string.
fn is_plain_key(k: &str) -> bool {
    let identifier = |w: &str| {
        w.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
            && w.bytes().all(|b| b.is_ascii_alphanumeric())
    };
    k.split("::").all(identifier) && !RESERVED.contains(&k.to_ascii_lowercase().as_str())
}

fn write_key(out: &mut String, k: &str) {
    if is_plain_key(k) {
        out.push_str(k);
    } else {
        write_quoted(out, k);
    }
    out.push(':');
}

fn write_scalar(out: &mut String, v: &Value) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => write_quoted(out, s),
        Value::Object(_) => out.push_str("{}"),
        Value::Array(_) => out.push_str("[]"),
    }
}

/// Whether YAML prints `c` as is inside a double-quoted scalar: its printable set
/// minus the characters it treats as line breaks and the byte-order mark.
fn is_printable(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{7E}' | '\u{A0}'..='\u{FFFD}' | '\u{10000}'..)
        && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}')
}

/// Writes `s` as a YAML double-quoted scalar.
fn write_quoted(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if is_printable(c) => out.push(c),
            c => {
                // Everything left is below U+10000 (the astral planes are printable).
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nested_collections_use_block_style() {
        let doc = json!({
            "Resources": {
                "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"Tags": [{"Key": "Name", "Value": "v"}]}}
            },
            "List": [["a", "b"], [], {}, 1, true, null],
            "Empty": {}
        });
        let expected = "\
Resources:
  Vpc:
    Type: \"AWS::EC2::VPC\"
    Properties:
      Tags:
        - Key: \"Name\"
          Value: \"v\"
List:
  - - \"a\"
    - \"b\"
  - []
  - {}
  - 1
  - true
  - null
Empty: {}
";
        assert_eq!(to_yaml(&doc), expected);
    }

    #[test]
    fn strings_are_always_quoted_and_escaped() {
        let doc = json!({"k": "yes: no # \"q\" \\ 'x'\n\t- ~"});
        assert_eq!(
            to_yaml(&doc),
            "k: \"yes: no # \\\"q\\\" \\\\ 'x'\\n\\t- ~\"\n"
        );
    }

    #[test]
    fn unprintable_and_line_break_characters_are_escaped() {
        let doc = json!({"k": "a\u{7}\u{7F}\u{85}\u{2028}\u{2029}\u{FEFF}\u{FFFE}ñ子🚀"});
        assert_eq!(
            to_yaml(&doc),
            "k: \"a\\u0007\\u007F\\u0085\\u2028\\u2029\\uFEFF\\uFFFEñ子🚀\"\n"
        );
    }

    #[test]
    fn odd_keys_are_quoted() {
        assert!(is_plain_key("Fn::GetAtt"));
        assert!(is_plain_key("AWSTemplateFormatVersion"));
        for k in [
            "yes", "No", "null", "", "a b", "1a", "a:b", "-x", "Fn::", "::x",
        ] {
            assert!(!is_plain_key(k), "{k:?}");
        }
        assert_eq!(to_yaml(&json!({"on": 1})), "\"on\": 1\n");
    }
}
