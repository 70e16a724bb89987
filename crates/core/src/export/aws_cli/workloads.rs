//! The deploy script's closing section for workloads, which it never creates: per
//! workload, the ids of its subnets and security groups, printed and written as shell
//! variables to a file beside the script (`<stem>-workloads.env`).

use std::collections::BTreeSet;
use std::io;

use super::Gen;
use crate::export::shell::{display, quote, Word};
use crate::model::{Id, Workload};

/// The file the script writes the workloads' ids to, beside itself.
pub(crate) fn env_file_name(design: &str) -> String {
    format!("{}-workloads.env", crate::export::file_stem(design))
}

/// A shell variable name made from `name`: its ASCII letters and digits in upper case,
/// every other run of characters one `_`; `fallback` (the workload's id) when nothing
/// is left, and `WORKLOAD_` before a leading digit.
///
/// ```text
/// smartinvoice-alb   ->  SMARTINVOICE_ALB
/// 子网 web (prod)     ->  WEB_PROD
/// 2nd tier           ->  WORKLOAD_2ND_TIER
/// ```
pub(crate) fn shell_name(name: &str, fallback: &str) -> String {
    fn words(s: &str) -> String {
        let mut out = String::new();
        for c in s.chars() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_uppercase());
            } else if !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
        }
        out.trim_end_matches('_').to_string()
    }
    let mut base = words(name);
    if base.is_empty() {
        base = words(fallback);
    }
    if base.is_empty() {
        base = "WORKLOAD".into();
    }
    if base.starts_with(|c: char| c.is_ascii_digit()) {
        base = format!("WORKLOAD_{base}");
    }
    base
}

/// Each workload's variable prefix, unique within the design (a later workload whose
/// name gives a prefix already taken gets `_2`, `_3`, ...).
pub(crate) fn prefixes(workloads: &[Workload]) -> Vec<String> {
    let mut taken = BTreeSet::new();
    workloads
        .iter()
        .map(|w| {
            let base = shell_name(&w.name, w.id.as_str());
            let mut name = base.clone();
            let mut n = 1;
            while !taken.insert(name.clone()) {
                n += 1;
                name = format!("{base}_{n}");
            }
            name
        })
        .collect()
}

/// "load balancer, internet-facing" for the comment and the printout.
fn about(w: &Workload) -> String {
    if w.internet_facing {
        format!("{}, internet-facing", w.kind.label())
    } else {
        w.kind.label().to_string()
    }
}

/// The AWS ids of `ids` (subnets or groups) joined by commas, as one shell word.
fn joined(g: &Gen<'_>, ids: &[Id]) -> io::Result<String> {
    let mut w = Word::new();
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            w = w.lit(",");
        }
        w = w.var(&g.var(id)?);
    }
    Ok(w.render())
}

/// The closing lines: the workloads with their ids, on screen and in the env file.
pub(super) fn workloads(g: &Gen<'_>) -> io::Result<String> {
    let t = g.t;
    if t.workloads.is_empty() {
        return Ok(String::new());
    }
    let file = env_file_name(&t.name);
    let mut s = String::from("\n# --- Workloads (not created) ");
    s.push_str(&"-".repeat(50));
    s.push('\n');
    s.push_str(concat!(
        "# The design places its workloads in subnets behind security groups; this script\n",
        "# creates none of them. workloads_env writes, per workload, the ids it needs as\n",
        "# shell variables: printed here, and saved beside this script for whatever\n",
        "# creates the workloads (source the file).\n",
        "# env_value NAME VALUE: NAME='VALUE', quotes inside VALUE escaped.\n",
        "env_value() {\n",
        "  printf \"%s='%s'\\n\" \"$1\" \"${2//\\'/\\'\\\\\\'\\'}\"\n",
        "}\n",
        "\n",
        "workloads_env() {\n",
    ));
    s.push_str(&format!(
        "  printf '# %s: what the workloads of design %s need (Netwright does not create them).\\n' {} {}\n",
        quote(&file),
        quote(&display(&t.name))
    ));
    for (w, prefix) in t.workloads.iter().zip(prefixes(&t.workloads)) {
        s.push_str(&format!(
            "  printf '# %s (%s)\\n' {} {}\n",
            quote(&display(&w.name)),
            quote(&about(w))
        ));
        s.push_str(&format!(
            "  env_value {prefix}_SUBNET_IDS {}\n",
            joined(g, &w.subnets)?
        ));
        s.push_str(&format!(
            "  env_value {prefix}_SECURITY_GROUP_IDS {}\n",
            joined(g, &w.security_groups)?
        ));
    }
    s.push_str("}\n\n");
    s.push_str(&format!(
        "WORKLOADS_FILE=\"$(dirname -- \"${{BASH_SOURCE[0]:-}}\")\"/{}\n",
        quote(&file)
    ));
    let n = t.workloads.len();
    s.push_str(&format!(
        "echo\necho '{n} workload{} of the design, not created by this script, need these ids:'\n",
        if n == 1 { "" } else { "s" }
    ));
    s.push_str("workloads_env | sed 's/^/  /'\n");
    s.push_str("if workloads_env >\"$WORKLOADS_FILE\"; then\n");
    s.push_str("  printf 'Written to %s.\\n' \"$WORKLOADS_FILE\"\n");
    s.push_str("else\n");
    s.push_str("  printf 'Could not write %s (see above).\\n' \"$WORKLOADS_FILE\" >&2\n");
    s.push_str("fi\n");
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::WorkloadKind;

    #[test]
    fn names_become_shell_safe() {
        assert_eq!(shell_name("smartinvoice-alb", "wl-1"), "SMARTINVOICE_ALB");
        assert_eq!(shell_name("子网 web (prod)", "wl-1"), "WEB_PROD");
        assert_eq!(shell_name("2nd tier", "wl-1"), "WORKLOAD_2ND_TIER");
        assert_eq!(shell_name("$(id) 'x'\n", "wl-1"), "ID_X");
        assert_eq!(shell_name("子网", "wl-7"), "WL_7");
        assert_eq!(shell_name("", "子"), "WORKLOAD");
    }

    #[test]
    fn prefixes_never_collide() {
        let w = |id: &str, name: &str| Workload {
            id: Id::new(id),
            name: name.into(),
            kind: WorkloadKind::Other,
            subnets: Vec::new(),
            security_groups: Vec::new(),
            internet_facing: false,
            tags: Default::default(),
        };
        let got = prefixes(&[
            w("a", "web"),
            w("b", "Web!"),
            w("c", "web-2"),
            w("d", "WEB"),
        ]);
        assert_eq!(got, ["WEB", "WEB_2", "WEB_2_2", "WEB_3"]);
    }
}
