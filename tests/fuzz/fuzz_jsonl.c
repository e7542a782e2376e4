/* fuzz_jsonl.c: the jsonl loader (load_file with LOAD_JSONL, as ingest reads
   a .jsonl file), over any bytes: every document it hands on keeps doc.h's
   promises, every reject names the file. */
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
    fuzz_load(data, size, LOAD_JSONL);
    return 0;
}
