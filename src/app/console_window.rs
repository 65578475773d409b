//! On Windows, a program started from the Start menu or a desktop shortcut
//! gets a console window of its own, shown behind the designer window as an
//! empty black box. The designer lets go of that one. Started from a terminal,
//! it shares the terminal's console and keeps it, so the commands (`check`,
//! `export`, ...) still print there as before.

/// Closes the console window that Windows opened for this program alone.
#[cfg(windows)]
pub fn close_own_console() {
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn GetConsoleProcessList(process_ids: *mut u32, count: u32) -> u32;
        fn FreeConsole() -> i32;
    }
    let mut process_ids = [0u32; 2];
    // SAFETY: the buffer holds the `count` ids the call may write; it only
    // reports which processes share this program's console.
    let sharing = unsafe { GetConsoleProcessList(process_ids.as_mut_ptr(), 2) };
    // Only this program: the console was made for it, not a terminal's.
    if sharing == 1 {
        // SAFETY: detaching from the console has no effect on memory; the
        // window has nothing to print there.
        unsafe {
            FreeConsole();
        }
    }
}

/// Other systems open no console for a windowed program.
#[cfg(not(windows))]
pub fn close_own_console() {}
