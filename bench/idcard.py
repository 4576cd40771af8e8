"""Identity-card figures: decode time per frame, and card placed -> parsed document over a pty.

Run: PYTHONPATH=. python bench/idcard.py [--rounds N]

The reader emulator paces its replies at wire speed (115200 baud, 10 bits a byte), so the
end-to-end figures contain the wire time; the overhead printed is what we add beyond it.
"""

from __future__ import annotations

import argparse
import random
import statistics
import threading
import time

from drivers.idcard import ga467, samples
from drivers.idcard.document import encode_text_block, parse_text_block
from drivers.idcard.emulator import ReaderEmulator
from drivers.idcard.serial_reader import SerialReader

BAUD = 115200


def wire_ms(n_bytes: int) -> float:
    return n_bytes * 10 / BAUD * 1000


def bench_decode(rounds: int) -> None:
    doc = samples.sample_resident()
    frame = ga467.encode_response(
        ga467.Sw3.OK, ga467.encode_read_data(encode_text_block(doc), samples.SAMPLE_WLT)
    )
    chunks = [frame[i : i + 32] for i in range(0, len(frame), 32)]

    def decode(pieces: list[bytes]) -> None:
        parser = ga467.FrameParser()
        for piece in pieces:
            parser.feed(piece)
            result = parser.next_frame()
        assert isinstance(result, ga467.Frame)
        payload = ga467.parse_read_data(ga467.Response.from_frame(result).data)
        parse_text_block(payload.text, payload.photo).to_json_dict()

    for label, pieces in (("whole", [frame]), ("32-byte chunks", chunks)):
        started = time.perf_counter()
        for _ in range(rounds):
            decode(pieces)
        per = (time.perf_counter() - started) / rounds * 1e6
        print(f"decode {len(frame)}-byte read reply -> document ({label}): {per:8.1f} us/frame")


def bench_serial(rounds: int) -> None:
    doc = samples.sample_resident()
    with ReaderEmulator(baud=BAUD, pace=True) as emu:
        reader = SerialReader(emu.port, baud=BAUD)
        reader.open()
        try:
            # 1. The read transaction alone (card already found): select + read + 30 03.
            emu.place_card(doc)
            assert reader.card_present()
            transaction = []
            for _ in range(rounds):
                started = time.perf_counter()
                reader.read_card()
                transaction.append((time.perf_counter() - started) * 1000)
            # Paced reply bytes: select 19, read 1295, 30 03 "no content" 11.
            tx_wire = wire_ms(19 + 1295 + 11)
            # 2. Card placed -> parsed document, with the reader waiting in read().
            placed = []
            rng = random.Random(467)
            for _ in range(rounds):
                emu.remove_card()
                while reader.card_present():
                    pass
                result: list[float] = []

                def wait_and_read(done: list[float] = result) -> None:
                    reader.read(timeout=10)
                    done.append(time.perf_counter())

                waiter = threading.Thread(target=wait_and_read)
                waiter.start()
                # Land the placement at a random point of the find-card poll cycle.
                time.sleep(rng.uniform(0, reader.poll_interval))
                emu.place_card(doc)
                waiter.join()
                assert emu.card_placed_at is not None
                placed.append((result[0] - emu.card_placed_at) * 1000)
            placed_wire = tx_wire + wire_ms(15)  # plus the "card found" reply
            poll_interval = reader.poll_interval
        finally:
            reader.close()

    def line(label: str, values: list[float]) -> str:
        median = statistics.median(values)
        return f"{label}: median {median:6.1f} ms, min {min(values):6.1f}, max {max(values):6.1f}"

    print(f"wire time of the 1295-byte read reply alone at {BAUD}: {wire_ms(1295):6.1f} ms")
    print(line("read transaction (select+read+30 03), paced", transaction))
    print(
        f"  wire time of its replies {tx_wire:6.1f} ms -> our overhead "
        f"{statistics.median(transaction) - tx_wire:5.1f} ms (target < 20 ms)"
    )
    print(line("card placed -> parsed document, paced", placed))
    overhead = statistics.median(placed) - placed_wire
    poll_ms = poll_interval * 1000
    print(
        f"  wire time of its replies {placed_wire:6.1f} ms -> overhead {overhead:5.1f} ms, "
        f"of which up to {poll_ms:.0f} ms is the wait for the next find-card poll"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    bench_decode(max(200, args.rounds * 50))
    bench_serial(args.rounds)


if __name__ == "__main__":
    main()
