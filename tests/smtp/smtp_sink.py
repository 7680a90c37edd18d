#!/usr/bin/python3
"""A real SMTP server for the tests: accepts every message and writes it to --dir as an .eml file.

Fault switches are files beside --dir (in its parent folder), so a test can flip them while it runs:
  reject-5xx   answer 550 to every message (a permanent refusal)
  slow         wait before accepting each message: the file holds the seconds (empty means 1)

Prints "listening on PORT" once it accepts connections. Stops on SIGTERM or SIGINT.
Needs Debian's python3-aiosmtpd (run it with /usr/bin/python3).
"""
import argparse
import asyncio
import os
import signal
import time

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, directory):
        self.directory = directory
        self.control = os.path.dirname(os.path.abspath(directory))
        self.count = 0

    def _flag(self, name):
        return os.path.join(self.control, name)

    async def handle_DATA(self, server, session, envelope):
        slow = self._flag("slow")
        if os.path.exists(slow):
            try:
                with open(slow, encoding="utf-8") as f:
                    seconds = float(f.read().strip() or "1")
            except (OSError, ValueError):
                seconds = 1.0
            await asyncio.sleep(seconds)
        if os.path.exists(self._flag("reject-5xx")):
            return "550 5.7.1 Rejected by the test sink"
        self.count += 1
        name = "%d-%06d" % (time.time_ns(), self.count)
        temporary = os.path.join(self.directory, "." + name + ".tmp")
        with open(temporary, "wb") as f:
            f.write(envelope.original_content)
        # The rename makes the file appear whole: a reader never sees half a message.
        os.replace(temporary, os.path.join(self.directory, name + ".eml"))
        return "250 OK"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)

    controller = Controller(Sink(args.dir), hostname=args.host, port=args.port)
    controller.start()
    print("listening on %d" % args.port, flush=True)

    stop = asyncio.Event()
    loop = asyncio.new_event_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        loop.run_until_complete(stop.wait())
    finally:
        controller.stop()
        loop.close()


if __name__ == "__main__":
    main()
