//! Reads a YAML template into the same JSON tree a JSON template gives: the short-form
//! tags (`!Ref X`, `!GetAtt A.B`, `!Sub …`) become their long forms (`{"Ref": "X"}`,
//! `{"Fn::GetAtt": "A.B"}`), so one evaluator serves both. Plain scalars follow
//! YAML 1.2's core schema (`true`, `null`, `42`, `1.5`); anything else stays text.
//! An unknown tag, an alias, a duplicate key or nesting past [`MAX_DEPTH`] is an error
//! naming where it is.

use std::borrow::Cow;

use saphyr_parser::{Event, Parser, ScalarStyle, Span, Tag};
use serde_json::{Map, Number, Value};

/// How deep collections may nest (serde_json's own limit is 128).
const MAX_DEPTH: usize = 128;

/// CloudFormation's short-form tags and the long form each stands for.
const TAGS: &[(&str, &str)] = &[
    ("Ref", "Ref"),
    ("Condition", "Condition"),
    ("GetAtt", "Fn::GetAtt"),
    ("Sub", "Fn::Sub"),
    ("Join", "Fn::Join"),
    ("Select", "Fn::Select"),
    ("Split", "Fn::Split"),
    ("If", "Fn::If"),
    ("Equals", "Fn::Equals"),
    ("And", "Fn::And"),
    ("Or", "Fn::Or"),
    ("Not", "Fn::Not"),
    ("FindInMap", "Fn::FindInMap"),
    ("GetAZs", "Fn::GetAZs"),
    ("Base64", "Fn::Base64"),
    ("Cidr", "Fn::Cidr"),
    ("ImportValue", "Fn::ImportValue"),
    ("Transform", "Fn::Transform"),
    ("Length", "Fn::Length"),
    ("ToJsonString", "Fn::ToJsonString"),
];

/// A YAML problem: 1-based line and column, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct YamlError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// Parses the first YAML document of `text` as a JSON value.
pub(super) fn parse(text: &str) -> Result<Value, YamlError> {
    let mut r = Reader {
        parser: Parser::new_from_str(text),
        depth: 0,
    };
    loop {
        let (ev, span) = r.next()?;
        match ev {
            Event::StreamStart | Event::DocumentStart(_) => continue,
            Event::StreamEnd => return Ok(Value::Null),
            ev => return r.value(ev, span),
        }
    }
}

struct Reader<'a> {
    parser: Parser<'a, saphyr_parser::StrInput<'a>>,
    depth: usize,
}

fn error(span: Span, message: impl Into<String>) -> YamlError {
    YamlError {
        line: span.start.line(),
        column: span.start.col() + 1,
        message: message.into(),
    }
}

impl<'a> Reader<'a> {
    fn next(&mut self) -> Result<(Event<'a>, Span), YamlError> {
        match self.parser.next_event() {
            Some(Ok(x)) => Ok(x),
            Some(Err(e)) => Err(YamlError {
                line: e.marker().line(),
                column: e.marker().col() + 1,
                message: e.info().to_string(),
            }),
            None => Err(YamlError {
                line: 0,
                column: 0,
                message: "the YAML ends too early".into(),
            }),
        }
    }

    /// The value that starts with `ev`.
    fn value(&mut self, ev: Event<'a>, span: Span) -> Result<Value, YamlError> {
        match ev {
            Event::Scalar(text, style, _, tag) => {
                let long = long_form(tag.as_deref(), span)?;
                let v = scalar(text, style, tag.as_deref());
                Ok(wrap(long, v))
            }
            Event::SequenceStart(_, tag) => {
                let long = long_form(tag.as_deref(), span)?;
                self.enter(span)?;
                let mut items = Vec::new();
                loop {
                    let (ev, span) = self.next()?;
                    if matches!(ev, Event::SequenceEnd) {
                        break;
                    }
                    items.push(self.value(ev, span)?);
                }
                self.depth -= 1;
                Ok(wrap(long, Value::Array(items)))
            }
            Event::MappingStart(_, tag) => {
                let long = long_form(tag.as_deref(), span)?;
                self.enter(span)?;
                let mut map = Map::new();
                loop {
                    let (ev, key_span) = self.next()?;
                    let key = match ev {
                        Event::MappingEnd => break,
                        Event::Scalar(text, _, _, _) => text.into_owned(),
                        Event::Alias(_) => return Err(alias(key_span)),
                        _ => return Err(error(key_span, "a mapping key must be a plain value")),
                    };
                    let (ev, span) = self.next()?;
                    let v = self.value(ev, span)?;
                    match map.entry(key) {
                        serde_json::map::Entry::Vacant(e) => {
                            e.insert(v);
                        }
                        serde_json::map::Entry::Occupied(e) => {
                            return Err(error(key_span, format!("duplicate key {}", e.key())));
                        }
                    }
                }
                self.depth -= 1;
                Ok(wrap(long, Value::Object(map)))
            }
            Event::Alias(_) => Err(alias(span)),
            _ => Err(error(span, "unexpected YAML event")),
        }
    }

    fn enter(&mut self, span: Span) -> Result<(), YamlError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(error(
                span,
                format!("the YAML nests deeper than {MAX_DEPTH} levels"),
            ));
        }
        Ok(())
    }
}

fn alias(span: Span) -> YamlError {
    error(
        span,
        "YAML aliases (*name) are not supported: CloudFormation does not read them",
    )
}

/// The long form a tag stands for: `None` for no tag or a YAML core-schema tag.
fn long_form(tag: Option<&Tag>, span: Span) -> Result<Option<&'static str>, YamlError> {
    let Some(tag) = tag else { return Ok(None) };
    if tag.is_yaml_core_schema() {
        return Ok(None);
    }
    if tag.handle == "!" {
        if let Some((_, long)) = TAGS.iter().find(|(short, _)| *short == tag.suffix) {
            return Ok(Some(long));
        }
    }
    let known: Vec<String> = TAGS.iter().map(|(s, _)| format!("!{s}")).collect();
    Err(error(
        span,
        format!(
            "unknown tag {}{}: CloudFormation's tags are {}",
            tag.handle,
            tag.suffix,
            known.join(", ")
        ),
    ))
}

fn wrap(long: Option<&str>, v: Value) -> Value {
    match long {
        Some(key) => {
            let mut m = Map::new();
            m.insert(key.to_string(), v);
            Value::Object(m)
        }
        None => v,
    }
}

/// A scalar's value: quoted and block scalars are text; plain ones follow the core
/// schema. `!!str` keeps anything as text; a CloudFormation tag's argument is read
/// like a plain scalar (`!GetAZs ''` is the empty string).
fn scalar(text: Cow<'_, str>, style: ScalarStyle, tag: Option<&Tag>) -> Value {
    let forced_str = tag.is_some_and(|t| t.is_yaml_core_schema() && t.suffix == "str");
    if style != ScalarStyle::Plain || forced_str {
        return Value::String(text.into_owned());
    }
    match text.as_ref() {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    if let Some(n) = number(&text) {
        return Value::Number(n);
    }
    Value::String(text.into_owned())
}

/// A plain scalar as a number when it is a decimal integer without a leading zero or
/// a decimal fraction; `0123`, `0x1F` and `.inf` stay text.
fn number(s: &str) -> Option<Number> {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().next()?.is_ascii_digit() {
        return None;
    }
    let int_part = digits.split(['.', 'e', 'E']).next()?;
    if int_part.len() > 1 && int_part.starts_with('0') {
        return None;
    }
    if digits.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse::<i64>().ok().map(Number::from);
    }
    let fraction = digits
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'));
    if fraction {
        return s.parse::<f64>().ok().and_then(Number::from_f64);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn short_tags_become_long_forms() {
        let v = parse(
            "A: !Ref X\nB: !GetAtt Vpc.CidrBlock\nC: !Select [0, !GetAZs '']\n\
             D: !Sub\n  - '${a}-x'\n  - a: !Ref AWS::Region\nE: !Not [!Condition C]\n",
        )
        .unwrap();
        assert_eq!(
            v,
            json!({
                "A": {"Ref": "X"},
                "B": {"Fn::GetAtt": "Vpc.CidrBlock"},
                "C": {"Fn::Select": [0, {"Fn::GetAZs": ""}]},
                "D": {"Fn::Sub": ["${a}-x", {"a": {"Ref": "AWS::Region"}}]},
                "E": {"Fn::Not": [{"Condition": "C"}]},
            })
        );
    }

    #[test]
    fn plain_scalars_follow_the_core_schema() {
        let v = parse(
            "a: true\nb: ~\nc: 42\nd: '42'\ne: 0123\nf: 1.5\ng: yes\nh: 2010-09-09\ni: !!str 7\n",
        )
        .unwrap();
        assert_eq!(
            v,
            json!({"a": true, "b": null, "c": 42, "d": "42", "e": "0123", "f": 1.5,
                   "g": "yes", "h": "2010-09-09", "i": "7"})
        );
    }

    #[test]
    fn problems_name_their_line() {
        let e = parse("a:\n  b: !Reff X\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 6));
        assert!(e.message.starts_with("unknown tag !Reff"), "{}", e.message);
        let e = parse("a: 1\na: 2\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("duplicate key a"));
        let e = parse("a: &x 1\nb: *x\n").unwrap_err();
        assert!(e.message.contains("aliases"), "{}", e.message);
        let e = parse("a: [1, 2\n").unwrap_err();
        assert!(e.line >= 1);
        let deep = format!("{}{}", "[".repeat(500), "]".repeat(500));
        let e = parse(&deep).unwrap_err();
        assert!(
            e.message.contains("deeper") || e.message.contains("recursion limit"),
            "{}",
            e.message
        );
    }
}
