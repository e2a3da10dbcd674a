"""Give memory freed by a large one-off job back to the operating system.

glibc keeps freed heap pages for reuse, so after an index build (model conversion, embedding,
parsing) a long-running server would keep ~400 MB it no longer uses: measured 778 MB resident after
a build, 367 MB after `malloc_trim`. Elsewhere than glibc this does nothing.
"""

import ctypes
import ctypes.util
import gc


def return_freed_memory() -> None:
    """Collect garbage, then ask glibc to release its free heap pages."""
    gc.collect()
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name)
        libc.malloc_trim(0)
    except (OSError, AttributeError, TypeError):  # not glibc: nothing to release this way
        pass
