//! Studio-ready files: the plan of an export's files, the Rojo project
//! folder, model files and the atomic writer.

pub mod install;
pub mod model;
pub mod plan;
pub mod rojo;
pub mod writer;
