//! Bash quoting for generated scripts: every value a design holds reaches bash as
//! data, never as code, and reads back byte for byte.

use std::fmt::Write as _;

/// Characters that need no quoting at all in a bash word.
fn is_plain(c: char) -> bool {
    c.is_ascii_alphanumeric() || "_./:=@%+,-".contains(c)
}

/// Characters that render invisibly or reorder text ("Trojan Source"): zero-width
/// marks, bidirectional embeddings and isolates, line and paragraph separators.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200b}'..='\u{200f}'
        | '\u{2028}'..='\u{202e}'
        | '\u{2060}'..='\u{2069}'
        | '\u{feff}')
}

/// Whether `c` must be written as an escape inside `$'...'`.
fn needs_escape(c: char) -> bool {
    c.is_control() || is_invisible(c)
}

/// Quotes `s` as one bash word that expands to exactly `s`.
///
/// Plain words stay bare; text without `'`, `\`, `$`, backticks or control
/// characters goes in single quotes; anything else in ANSI-C quotes (`$'...'`), where
/// `\` and `'` are escaped and control and invisible characters are written as byte
/// escapes. (`$'...'` rather than `'\''` splicing keeps shellcheck quiet about
/// `$(...)` inside single quotes, which is exactly what a hostile name holds.)
///
/// For example `10.0.0.0/16` stays as it is, `a b` becomes `'a b'` and `it's $(id)`
/// becomes `$'it\'s $(id)'`.
pub(crate) fn quote(s: &str) -> String {
    if !s.is_empty() && s.chars().all(is_plain) {
        return s.to_string();
    }
    let ansi = s
        .chars()
        .any(|c| matches!(c, '\'' | '\\' | '$' | '`') || needs_escape(c));
    if !ansi {
        return format!("'{s}'");
    }
    let mut out = String::from("$'");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if needs_escape(c) => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    // Writing to a String cannot fail.
                    let _ = write!(out, "\\x{b:02x}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A shell word built from literal text and variable references, for JSON whose
/// values are only known at run time (ids of resources created by the script).
#[derive(Debug, Clone, Default)]
pub(crate) struct Word {
    parts: Vec<Part>,
}

#[derive(Debug, Clone)]
enum Part {
    Lit(String),
    Var(String),
}

impl Word {
    /// An empty word.
    pub(crate) fn new() -> Self {
        Word::default()
    }

    /// Appends literal text (quoted when rendered).
    pub(crate) fn lit(mut self, s: &str) -> Self {
        if let Some(Part::Lit(last)) = self.parts.last_mut() {
            last.push_str(s);
        } else {
            self.parts.push(Part::Lit(s.to_string()));
        }
        self
    }

    /// Appends the value of the shell variable `name` (a name the generator chose,
    /// holding an AWS resource id).
    pub(crate) fn var(mut self, name: &str) -> Self {
        self.parts.push(Part::Var(name.to_string()));
        self
    }

    /// The word as bash source: quoted literals and `"$VAR"` expansions side by side.
    pub(crate) fn render(&self) -> String {
        if self.parts.is_empty() {
            return "''".into();
        }
        self.parts
            .iter()
            .map(|p| match p {
                Part::Lit(s) => quote(s),
                Part::Var(v) => format!("\"${v}\""),
            })
            .collect()
    }
}

/// Text for a person: one line, with control and invisible characters shown as
/// escapes (`\n`, `\u{202e}`), so that a name can neither break a comment or a
/// progress line nor hide what it says. Not quoted: pass it through [`quote`].
pub(crate) fn display(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// A JMESPath literal (for `--query`) equal to the string `s`: JSON text between
/// backticks, with backticks escaped as the JMESPath lexer expects.
pub(crate) fn jmes_str(s: &str) -> String {
    let json = serde_json::to_string(s).expect("strings always serialise");
    format!("`{}`", json.replace('`', "\\`"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_words_stay_bare_and_others_are_quoted() {
        assert_eq!(quote("10.0.0.0/16"), "10.0.0.0/16");
        assert_eq!(
            quote("arn:aws:iam::aws:policy/X"),
            "arn:aws:iam::aws:policy/X"
        );
        assert_eq!(quote(""), "''");
        assert_eq!(quote("a b"), "'a b'");
        assert_eq!(quote("a;b|c&d*e?f[g]"), "'a;b|c&d*e?f[g]'");
        assert_eq!(quote("{\"k\":1}"), "'{\"k\":1}'");
    }

    #[test]
    fn dangerous_text_goes_in_ansi_c_quotes() {
        assert_eq!(quote("it's"), r"$'it\'s'");
        assert_eq!(quote("$(id)"), "$'$(id)'");
        assert_eq!(quote("`id`"), "$'`id`'");
        assert_eq!(quote("a\\b"), r"$'a\\b'");
        assert_eq!(quote("a\nb\tc\r"), r"$'a\nb\tc\r'");
        assert_eq!(quote("\u{1b}[2J"), r"$'\x1b[2J'");
        assert_eq!(quote("x\u{202e}y"), r"$'x\xe2\x80\xaey'");
        assert_eq!(quote("ñ 🚀"), "'ñ 🚀'");
    }

    #[test]
    fn quoted_words_read_back_exactly_in_bash() {
        let samples = [
            "it's \"hostile\" $(touch pwned) `id`; rm -rf ~ ñ 🚀",
            "eip\t'tab' \"q\" \\\"esc",
            "public\nnewline b",
            "trailing backslash \\",
            "'",
            "\\'",
            "x\u{202e}y\u{1}z\u{7f}",
            "-starts-with-dash",
        ];
        let mut script = String::new();
        for s in samples {
            script.push_str(&format!("printf '%s\\0' {}\n", quote(s)));
        }
        let out = match std::process::Command::new("bash")
            .arg("-c")
            .arg(&script)
            .output()
        {
            Ok(out) => out,
            // bash is part of every supported build host; say so if it is missing.
            Err(e) => panic!("bash is needed to test shell quoting: {e}"),
        };
        let got: Vec<&str> = std::str::from_utf8(&out.stdout)
            .unwrap()
            .split_terminator('\0')
            .collect();
        assert_eq!(got, samples);
    }

    #[test]
    fn words_splice_variables_between_quoted_text() {
        let w = Word::new()
            .lit("[{\"GroupId\":\"")
            .var("SG1")
            .lit("\",\"Description\":\"$(x)\"}]");
        assert_eq!(
            w.render(),
            "'[{\"GroupId\":\"'\"$SG1\"$'\",\"Description\":\"$(x)\"}]'"
        );
        assert_eq!(Word::new().render(), "''");
    }

    #[test]
    fn display_keeps_one_line() {
        assert_eq!(display("a\nb\u{202e}"), "a\\nb\\u{202e}");
        assert_eq!(display("ñ $(x)"), "ñ $(x)");
    }

    #[test]
    fn jmespath_literals_escape_backticks() {
        assert_eq!(jmes_str("a`b\"c"), r#"`"a\`b\"c"`"#);
        assert_eq!(jmes_str("x\ny"), r#"`"x\ny"`"#);
    }
}
