//! What the AWS CLI deploy and teardown scripts share: the tags that mark a design's
//! resources, the JMESPath that finds them again, the header, the preflight and the
//! shell helpers both scripts call.

use std::fmt::Write as _;
use std::io;

use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::shell::{display, jmes_str, quote};
use crate::model::{Tags, Topology};

/// The tag whose value is the design's name; it marks every resource of the design.
pub(crate) const DESIGN_TAG: &str = "netwright:design";
/// The tag whose value is the resource's stable id in the design.
pub(crate) const ID_TAG: &str = "netwright:id";

/// The `--filters` argument that keeps only resources carrying a design tag (the exact
/// value is matched in `--query`: EC2 filter values treat `*` and `?` as wildcards).
pub(crate) const TAGGED: &str = r#"'[{"Name":"tag-key","Values":["netwright:design"]}]'"#;

/// The first 16 hex digits of the SHA-256 of the design's saved JSON without its
/// diagram layout, so moving a box on the diagram never changes a script.
pub(crate) fn content_hash(t: &Topology) -> String {
    let mut deployed = t.clone();
    deployed.layout = Default::default();
    let digest = Sha256::digest(crate::format::save(&deployed).as_bytes());
    digest[..8].iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Refuses a design holding a NUL character anywhere: bash cannot pass one in an
/// argument, so the value would silently be cut short.
pub(crate) fn refuse_nul(t: &Topology) -> io::Result<()> {
    fn walk(v: &Value) -> bool {
        match v {
            Value::String(s) => s.contains('\0'),
            Value::Array(a) => a.iter().any(walk),
            Value::Object(o) => o.iter().any(|(k, v)| k.contains('\0') || walk(v)),
            _ => false,
        }
    }
    let saved: Value = serde_json::from_str(&crate::format::save(t)).map_err(io::Error::other)?;
    if walk(&saved) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "a name, description or tag holds a NUL character, which a shell script cannot pass on",
        ));
    }
    Ok(())
}

/// The design tag's value on IAM resources. IAM tag values allow only letters,
/// digits, spaces and `_.:/=+-@`, so every other character becomes `_`.
pub(crate) fn iam_design_value(design: &str) -> String {
    design
        .chars()
        .map(|c| {
            if (c.is_alphanumeric() && !c.is_control()) || c == ' ' || "_.:/=+-@".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The tags of one resource: `Name`, the design tag, the id tag, then its own extra
/// tags (which cannot override the first three).
pub(crate) fn tags(name: &str, design: &str, id: &str, extra: &Tags) -> Value {
    let mut list = vec![
        json!({"Key": "Name", "Value": name}),
        json!({"Key": DESIGN_TAG, "Value": design}),
        json!({"Key": ID_TAG, "Value": id}),
    ];
    for (k, v) in extra {
        if k != "Name" && k != DESIGN_TAG && k != ID_TAG {
            list.push(json!({"Key": k, "Value": v}));
        }
    }
    Value::Array(list)
}

/// A `TagSpecifications` value tagging a new resource of `resource_type` at creation.
pub(crate) fn tag_spec(resource_type: &str, tags: Value) -> Value {
    json!([{"ResourceType": resource_type, "Tags": tags}])
}

/// A JSON value as one shell word.
pub(crate) fn json_word(v: &Value) -> String {
    quote(&serde_json::to_string(v).expect("JSON values always serialise"))
}

/// A JMESPath condition: the resource's `Tags` hold `key` = `value` exactly.
pub(crate) fn has_tag(key: &str, value: &str) -> String {
    format!("Tags[?Key=={}&&Value=={}]", jmes_str(key), jmes_str(value))
}

/// Comment lines (each starting `# `) for the top of a script.
pub(crate) fn header(t: &Topology, file: &str, summary: &str, about: &[&str]) -> String {
    let mut s = String::from("#!/usr/bin/env bash\n");
    let _ = writeln!(s, "# {file}: {summary}");
    s.push_str("#\n");
    let _ = writeln!(s, "#   design:   {}", display(&t.name));
    let _ = writeln!(s, "#   written:  by Netwright {}", crate::VERSION);
    let _ = writeln!(
        s,
        "#   content:  sha256 {} (of the saved design, without its layout)",
        content_hash(t)
    );
    let _ = writeln!(
        s,
        "#   region:   {} (set NETWRIGHT_REGION to use another)",
        display(&t.region)
    );
    s.push_str("#\n");
    for line in about {
        if line.is_empty() {
            s.push_str("#\n");
        } else {
            let _ = writeln!(s, "# {line}");
        }
    }
    s.push_str("\nset -euo pipefail\n");
    s
}

/// Region, preflight (the CLI exists, credentials work) and the `q` and `tolerate`
/// helpers. `doing` starts the line that says what happens, e.g. `Deploying`.
pub(crate) fn prelude(t: &Topology, doing: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "DEFAULT_REGION={}", quote(&t.region));
    s.push_str(concat!(
        "REGION=${NETWRIGHT_REGION:-$DEFAULT_REGION}\n",
        "export AWS_REGION=\"$REGION\" AWS_DEFAULT_REGION=\"$REGION\" AWS_PAGER=''\n",
        "\n",
        "if ! command -v aws >/dev/null 2>&1; then\n",
        "  echo 'The AWS CLI (aws) is not installed or not on PATH: install it' >&2\n",
        "  echo '(https://aws.amazon.com/cli/) and run this script again.' >&2\n",
        "  exit 1\n",
        "fi\n",
        "if ! ACCOUNT=$(aws sts get-caller-identity --query Account --output text); then\n",
        "  echo 'The AWS CLI has no working credentials (aws sts get-caller-identity failed,' >&2\n",
        "  echo 'see above): run \"aws configure\", set AWS_PROFILE, or export' >&2\n",
        "  echo 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, then run this script again.' >&2\n",
        "  exit 1\n",
        "fi\n",
    ));
    let _ = writeln!(
        s,
        "printf '{doing} design %s in account %s, region %s.\\n' {} \"$ACCOUNT\" \"$REGION\"",
        quote(&display(&t.name))
    );
    s.push('\n');
    s.push_str(HELPERS);
    s
}

const HELPERS: &str = r#"# q ARGS...: runs `aws ARGS... --output json` and puts every value of the result
# (ids, names, true/false, null; nested lists flattened) in the array R, in order.
q() {
  local out line
  out=$(aws "$@" --output json)
  R=()
  while read -r line; do
    line=${line%,}
    case $line in
      '[' | ']' | '[]' | '') ;;
      *)
        line=${line#\"}
        R+=("${line%\"}")
        ;;
    esac
  done <<<"$out"
}

# tolerate CODE ARGS...: runs ARGS, whose output passes through; an AWS error with
# code CODE counts as success (it means the work is done already). While AWS
# answers DependencyViolation or InvalidIPAddress.InUse (for a while after a NAT
# gateway or network interface goes), it waits and tries again, for up to 2
# minutes. Any other failure stops the script.
tolerate() {
  local code=$1 err tries=0
  shift
  while true; do
    if { err=$("$@" 2>&1 1>&3 3>&-); } 3>&1; then
      return 0
    fi
    if [[ $err == *"($code)"* ]]; then
      return 0
    fi
    if [[ $err != *"(DependencyViolation)"* && $err != *"(InvalidIPAddress.InUse)"* ]] ||
      ((++tries > 24)); then
      printf '%s\n' "$err" >&2
      return 1
    fi
    sleep 5
  done
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iam_values_keep_what_iam_allows() {
        assert_eq!(iam_design_value("smartinvoice"), "smartinvoice");
        assert_eq!(
            iam_design_value("it's \"x\" $(y) ñ 🚀 a-b_c.d:e/f=g+h@i"),
            "it_s _x_ __y_ ñ _ a-b_c.d:e/f=g+h@i"
        );
    }

    #[test]
    fn own_tags_come_first_and_win() {
        let mut extra = Tags::new();
        extra.insert("Name".into(), "other".into());
        extra.insert("team".into(), "net".into());
        let tags = tags("web", "d", "sg-web", &extra);
        assert_eq!(
            tags,
            json!([
                {"Key": "Name", "Value": "web"},
                {"Key": "netwright:design", "Value": "d"},
                {"Key": "netwright:id", "Value": "sg-web"},
                {"Key": "team", "Value": "net"}
            ])
        );
    }

    #[test]
    fn nul_characters_are_refused() {
        let mut t = crate::templates::smartinvoice();
        assert!(refuse_nul(&t).is_ok());
        t.subnets[1].name = "a\0b".into();
        assert!(refuse_nul(&t).is_err());
    }

    #[test]
    fn the_hash_follows_the_content() {
        let a = crate::templates::smartinvoice();
        let mut b = a.clone();
        b.subnets[0].cidr = "10.0.9.0/24".into();
        assert_eq!(content_hash(&a).len(), 16);
        assert_ne!(content_hash(&a), content_hash(&b));
    }
}
