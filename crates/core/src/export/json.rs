//! The `json` exporter: the saved format itself, for sharing with a colleague.

use std::io;

use super::Exporter;
use crate::model::Topology;

/// Writes the design in the saved JSON format (canonical, pretty-printed).
pub struct Json;

impl Exporter for Json {
    fn format(&self) -> &'static super::Format {
        &super::FORMATS[4]
    }
    fn requires_valid_design(&self) -> bool {
        false
    }
    fn write(&self, topology: &Topology, out: &mut dyn io::Write) -> io::Result<()> {
        out.write_all(crate::format::save(topology).as_bytes())
    }
}
