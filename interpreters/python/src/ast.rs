//! pyvgc `ast`: being written (issue 4).
