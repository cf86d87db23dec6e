#!/usr/bin/python3
"""A small static server for the built site, on 127.0.0.1 only.

Serves .wasm as application/wasm (needed for streaming compile) and tells the
browser to revalidate, so a rebuilt app is picked up on reload.
"""
import argparse
import functools
import http.server


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".webmanifest": "application/manifest+json",
        ".ttf": "font/ttf",
    }

    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, fmt, *args):  # quiet: one line per error only
        if args and str(args[1]).startswith(("4", "5")):
            super().log_message(fmt, *args)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--port", type=int, default=8080)
    a = ap.parse_args()
    handler = functools.partial(Handler, directory=a.root)
    with http.server.ThreadingHTTPServer(("127.0.0.1", a.port), handler) as httpd:
        # Port 0 picks a free port; say which, for the tests that start us.
        print("serving http://127.0.0.1:%d/" % httpd.server_address[1], flush=True)
        httpd.serve_forever()


if __name__ == "__main__":
    main()
