/** The version aa-sync reports in `--version` and its User-Agent header. */
export const VERSION = '0.1.0';
