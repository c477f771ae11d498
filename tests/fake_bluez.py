#!/usr/bin/env python3
"""A fake BlueZ with one Bluetooth heart-rate strap, on a private system bus, for
tests/strap_bluez.rs.

It starts a dbus-daemon of its own and python-dbusmock's bluez5 template on it, prints
`DBUS_SYSTEM_BUS_ADDRESS=...` on one line, and runs until its standard input closes.

The strap, "Polar H10 FAKE" (AA:BB:CC:DD:EE:01), advertises the Heart Rate Service 0x180D and
the Battery Service 0x180F, offers the Heart Rate Measurement 0x2A37 (notify) and the Battery
Level 0x2A19 (read, 87 %). While the app is subscribed it sends one notification per beat, at
the pace of the beats, from a fixed list of RR intervals. After DROP_AFTER notifications it
drops the link once (Connected and ServicesResolved false, the notify session ended), as a
strap out of range does, and carries on when the app reconnects and subscribes again.

Two things the template lacks are added: Connect and Disconnect that change the properties
(btleplug waits for ServicesResolved), and a dummy method on each GATT service (bluez-async
cannot parse dbusmock's Introspect of an interface with properties only).
"""
import os
import shutil
import subprocess
import sys
import threading
import time

import dbus
import dbusmock
from dbusmock.testcase import DBusTestCase

DEV_IF, SVC_IF, CHR_IF = "org.bluez.Device1", "org.bluez.GattService1", "org.bluez.GattCharacteristic1"
MOCK_IF = dbusmock.MOCK_IFACE
ADDRESS = "AA:BB:CC:DD:EE:01"
NAME = "Polar H10 FAKE"
# A heart swinging with slow breathing, with a little wobble (ms); the test knows the list.
RR_MS = [912, 948, 981, 1003, 1010, 996, 968, 931, 897, 869, 852, 851, 866, 889]
DROP_AFTER = 8


def u16(x):
    return f"0000{x:04x}-0000-1000-8000-00805f9b34fb"


def ay(values):
    return dbus.Array([dbus.Byte(b) for b in values], signature="y")


def main():
    DBusTestCase.start_system_bus()
    server = DBusTestCase.spawn_server_template("bluez5", {}, stdout=subprocess.DEVNULL)[0]
    bus = dbus.SystemBus()

    def obj(path):
        return bus.get_object("org.bluez", path)

    root = obj("/")
    root.AddAdapter("hci0", "fake-host", dbus_interface="org.bluez.Mock")
    dev_path = root.AddDevice("hci0", ADDRESS, NAME, dbus_interface="org.bluez.Mock")
    dev = obj(dev_path)
    dev.UpdateProperties(
        DEV_IF,
        {
            "UUIDs": dbus.Array([u16(0x180D), u16(0x180F)], signature="s"),
            "AddressType": "random",
            "Appearance": dbus.UInt16(0x0341),
            "RSSI": dbus.Int16(-58),
        },
        dbus_interface=MOCK_IF,
    )
    dev.AddMethod(
        DEV_IF, "Connect", "", "",
        "self.UpdateProperties('org.bluez.Device1', {'Connected': dbus.Boolean(True)})\n"
        "self.UpdateProperties('org.bluez.Device1', {'ServicesResolved': dbus.Boolean(True)})",
        dbus_interface=MOCK_IF,
    )
    dev.AddMethod(
        DEV_IF, "Disconnect", "", "",
        "self.UpdateProperties('org.bluez.Device1', "
        "{'ServicesResolved': dbus.Boolean(False), 'Connected': dbus.Boolean(False)})",
        dbus_interface=MOCK_IF,
    )

    def add_service(num, uuid):
        path = f"{dev_path}/service{num:04x}"
        root.AddObject(
            path, SVC_IF,
            {"UUID": u16(uuid), "Primary": True, "Device": dbus.ObjectPath(dev_path),
             "Includes": dbus.Array([], signature="o")},
            [("Dummy", "", "", "")],
            dbus_interface=MOCK_IF,
        )
        return path

    def add_char(svc, num, uuid, flags, value):
        path = f"{svc}/char{num:04x}"
        root.AddObject(
            path, CHR_IF,
            {"UUID": u16(uuid), "Service": dbus.ObjectPath(svc), "Value": ay(value),
             "Notifying": False, "Flags": dbus.Array(flags, signature="s")},
            [
                ("ReadValue", "a{sv}", "ay", "ret = self.props['org.bluez.GattCharacteristic1']['Value']"),
                ("WriteValue", "aya{sv}", "", ""),
                ("StartNotify", "", "",
                 "self.UpdateProperties('org.bluez.GattCharacteristic1', {'Notifying': dbus.Boolean(True)})"),
                ("StopNotify", "", "",
                 "self.UpdateProperties('org.bluez.GattCharacteristic1', {'Notifying': dbus.Boolean(False)})"),
            ],
            dbus_interface=MOCK_IF,
        )
        return path

    hrs = add_service(0x0C, 0x180D)
    hrm = obj(add_char(hrs, 0x0D, 0x2A37, ["notify"], []))
    add_char(hrs, 0x10, 0x2A38, ["read"], [1])
    bas = add_service(0x20, 0x180F)
    add_char(bas, 0x21, 0x2A19, ["read"], [87])

    print(f"DBUS_SYSTEM_BUS_ADDRESS={os.environ['DBUS_SYSTEM_BUS_ADDRESS']}", flush=True)

    stop = threading.Event()

    def pump():
        sent, dropped, i = 0, False, 0
        while not stop.is_set():
            if not hrm.Get(CHR_IF, "Notifying", dbus_interface=dbus.PROPERTIES_IFACE):
                time.sleep(0.05)
                continue
            ms = RR_MS[i % len(RR_MS)]
            i += 1
            time.sleep(ms / 1000)
            units = round(ms * 1024 / 1000)
            # Flags 0x16: 8-bit heart rate, skin contact, one RR interval.
            packet = [0x16, round(60000 / ms), units & 0xFF, units >> 8]
            hrm.UpdateProperties(CHR_IF, {"Value": ay(packet)}, dbus_interface=MOCK_IF)
            sent += 1
            print(f"sent {ms}", flush=True)
            if sent == DROP_AFTER and not dropped:
                dropped = True
                hrm.UpdateProperties(CHR_IF, {"Notifying": dbus.Boolean(False)}, dbus_interface=MOCK_IF)
                dev.UpdateProperties(
                    DEV_IF, {"ServicesResolved": dbus.Boolean(False), "Connected": dbus.Boolean(False)},
                    dbus_interface=MOCK_IF,
                )
                print("dropped", flush=True)

    thread = threading.Thread(target=pump, daemon=True)
    thread.start()
    try:
        sys.stdin.read()
    finally:
        stop.set()
        thread.join(2)
        server.terminate()
        server.wait()
        # tearDownClass forgets its data folder before it would remove it (python-dbusmock
        # 0.28 and 0.38): remove it here.
        datadir = getattr(DBusTestCase, "_DBusTestCase__datadir", None)
        DBusTestCase.tearDownClass()
        if datadir:
            shutil.rmtree(datadir, ignore_errors=True)


if __name__ == "__main__":
    main()
