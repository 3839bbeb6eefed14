"""A real SMTP server for the browser tests: accepts every message and saves it as
<dir>/<n>.eml so a test can read the verification link a filer would click.

Usage: python3 smtp_sink.py --dir DIR --port PORT   (runs until killed)
"""
import argparse
import asyncio
import itertools
import pathlib
import signal

from aiosmtpd.controller import Controller


class SaveToDir:
    def __init__(self, directory: pathlib.Path):
        self.directory = directory
        self.counter = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        n = next(self.counter)
        tmp = self.directory / f".{n}.tmp"
        tmp.write_bytes(envelope.original_content or envelope.content)
        # Rename so a reader never sees a half-written message.
        tmp.rename(self.directory / f"{n:04d}.eml")
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    directory = pathlib.Path(args.dir)
    directory.mkdir(parents=True, exist_ok=True)
    controller = Controller(SaveToDir(directory), hostname="127.0.0.1", port=args.port)
    controller.start()
    print(f"smtp-sink listening on 127.0.0.1:{args.port}, saving to {directory}", flush=True)
    loop = asyncio.new_event_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    loop.run_until_complete(stop.wait())
    controller.stop()


if __name__ == "__main__":
    main()
