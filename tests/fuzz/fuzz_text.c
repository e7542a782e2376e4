/* fuzz_text.c: the text loader (load_file with LOAD_TEXT, as ingest reads
   a .txt file), over any bytes: every document it hands on keeps doc.h's
   promises, every reject names the file; and the escaping of names for a
   terminal leaves no control character. */
#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_make_scratch();
    atexit(fuzz_remove_scratch);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_load(data, size, LOAD_TEXT);
    /* names are printed through text_escape_controls: what comes out is
       UTF-8 with no control character but newline and tab */
    char *shown = text_escape_controls((const char *)data, size, true);
    FUZZ_CHECK(shown != NULL, "out of memory");
    size_t len = strlen(shown);
    FUZZ_CHECK(text_utf8_invalid_at(shown, len) == len, "escaped text is not UTF-8");
    FUZZ_CHECK(!text_needs_escape(shown, len, true), "escaped text still needs escaping");
    free(shown);
    return 0;
}
