/* gendata: deterministic, semi-compressible test input for bench/run.sh.
 *
 * Usage: gendata MEGABYTES > file
 *
 * Writes MEGABYTES * 2^20 bytes of log-like text: lines of words drawn with a
 * skewed distribution from a fixed pseudo-random vocabulary, decimal and hex
 * numbers, and about 1 line in 8 carries a run of random base64 characters
 * (poorly compressible). gzip -6 gets roughly 2:1 on it, zstd -3 a little more. The output depends
 * only on MEGABYTES (fixed-seed xorshift64*), so every run of the suite
 * compresses the same bytes, and a prefix of a larger file equals the
 * smaller file.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t s = 0x9E3779B97F4A7C15ull;
static inline uint64_t rnd(void) {
    s ^= s >> 12;
    s ^= s << 25;
    s ^= s >> 27;
    return s * 0x2545F4914F6CDD1Dull;
}

#define NWORDS 4096
static char words[NWORDS][12];
static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: gendata MEGABYTES > file\n");
        return 1;
    }
    long long total = atoll(argv[1]) * 1048576LL;
    for (int i = 0; i < NWORDS; i++) {
        int len = 2 + (int)(rnd() % 9);
        for (int j = 0; j < len; j++)
            words[i][j] = (char)('a' + rnd() % 26);
        words[i][len] = 0;
    }
    static char buf[1 << 16];
    size_t pos = 0;
    long long written = 0;
    unsigned long line = 0;
    while (written < total) {
        char tmp[512];
        int n = snprintf(tmp, sizeof tmp, "%08lu ", line++);
        int nw = 4 + (int)(rnd() % 10);
        for (int k = 0; k < nw && n < 400; k++) {
            uint64_t r = rnd();
            /* skewed: product of two uniforms favours low indices */
            unsigned idx = (unsigned)(((r & 0xFFF) * ((r >> 12) & 0xFFF)) >> 12) % NWORDS;
            n += snprintf(tmp + n, sizeof tmp - (size_t)n, "%s ", words[idx]);
            if ((r >> 40) % 7 == 0)
                n += snprintf(tmp + n, sizeof tmp - (size_t)n, "%u ", (unsigned)((r >> 44) % 100000));
        }
        if (rnd() % 8 == 0) {
            int len = 16 + (int)(rnd() % 48);
            for (int j = 0; j < len; j++)
                tmp[n++] = b64[rnd() % 64];
        } else {
            n += snprintf(tmp + n, sizeof tmp - (size_t)n, "0x%llx", (unsigned long long)(rnd() & 0xFFFF));
        }
        tmp[n++] = '\n';
        for (int j = 0; j < n && written < total; j++, written++) {
            buf[pos++] = tmp[j];
            if (pos == sizeof buf) {
                fwrite(buf, 1, pos, stdout);
                pos = 0;
            }
        }
    }
    fwrite(buf, 1, pos, stdout);
    return ferror(stdout) ? 2 : 0;
}
