//! pyvgc `bytecode`: being written (issue 4).
