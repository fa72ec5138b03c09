//! Configuration: file formats and locations (themes now; the config file with the platform issue).

pub mod theme;
