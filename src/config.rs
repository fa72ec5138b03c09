//! Configuration: file formats and locations: the config file (`file`) and theme files (`theme`),
//! both reporting every problem as `file:line:column: what is wrong` (`source`).

pub mod checklist;
pub mod file;
pub mod source;
pub mod theme;
