//! The standard library: being written (placeholder with `print` only, for bring-up).

use crate::state::{LResult, State};
use crate::value::Value;

/// Registers the library in `st`'s globals.
pub fn open_all(st: &mut State) {
    let p = st.native("print", print);
    st.set_global("print", p);
}

fn print(st: &mut State, args: Vec<Value>) -> LResult<Vec<Value>> {
    use std::io::Write;
    for (i, a) in args.iter().enumerate() {
        if i > 0 {
            let _ = st.out.write_all(b"\t");
        }
        let s = st.tostring(*a)?;
        let bytes = s.as_str().map(|s| s.bytes().to_vec()).unwrap_or_default();
        let _ = st.out.write_all(&bytes);
    }
    let _ = st.out.write_all(b"\n");
    Ok(Vec::new())
}
