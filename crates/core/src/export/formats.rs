//! What each export format is called, says, and downloads as, without the code that
//! writes it: the browser's first load lists the formats from this table while the
//! exporters themselves live in the on-demand module (`crates/worker`).

/// One export format's name, description, media type and file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Format {
    /// The format's name on the command line, e.g. `aws-cli`.
    pub name: &'static str,
    /// One line on what it produces, for help texts and menus.
    pub description: &'static str,
    /// The media type of the output, for downloads.
    pub media_type: &'static str,
    /// What follows the design's file stem in the suggested file name.
    suffix: &'static str,
}

impl Format {
    /// The suggested file name for a design named `design`.
    ///
    /// ```
    /// let f = netwright_core::export::format("aws-cli").unwrap();
    /// assert_eq!(f.file_name("Smart Invoice"), "Smart-Invoice-deploy.sh");
    /// ```
    pub fn file_name(&self, design: &str) -> String {
        format!("{}{}", super::file_stem(design), self.suffix)
    }
}

/// Every export format, in menu order (the order of [`super::exporters`]).
pub const FORMATS: [Format; 6] = [
    Format {
        name: "aws-cli",
        description: "AWS CLI deploy script (bash): creates every resource, safe to run again",
        media_type: "text/x-shellscript",
        suffix: "-deploy.sh",
    },
    Format {
        name: "aws-cli-teardown",
        description: "AWS CLI teardown script (bash): deletes everything the deploy script created",
        media_type: "text/x-shellscript",
        suffix: "-teardown.sh",
    },
    Format {
        name: "cloudformation",
        description: "AWS CloudFormation template (JSON): deploy the design as one stack",
        media_type: "application/json",
        suffix: "-cloudformation.json",
    },
    Format {
        name: "cloudformation-yaml",
        description: "AWS CloudFormation template (YAML): deploy the design as one stack",
        media_type: "application/yaml",
        suffix: "-cloudformation.yaml",
    },
    Format {
        name: "json",
        description: "Netwright topology JSON: open it in Netwright",
        media_type: "application/json",
        suffix: ".netwright.json",
    },
    Format {
        name: "svg",
        description: "Diagram (SVG): the drawing of the design, for docs and reviews",
        media_type: "image/svg+xml",
        suffix: "-diagram.svg",
    },
];

/// The format called `name`.
///
/// ```
/// assert_eq!(netwright_core::export::format("svg").unwrap().media_type, "image/svg+xml");
/// assert!(netwright_core::export::format("pdf").is_none());
/// ```
pub fn format(name: &str) -> Option<&'static Format> {
    FORMATS.iter().find(|f| f.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_exporter_writes_the_format_of_its_place_in_the_table() {
        let exporters: Vec<_> = super::super::exporters()
            .iter()
            .map(|e| e.format())
            .collect();
        let table: Vec<_> = FORMATS.iter().collect();
        assert_eq!(exporters, table);
    }
}
