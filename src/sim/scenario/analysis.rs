//! Reads the verdict from the emulator's request log and DataStore history.
