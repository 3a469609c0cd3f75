"""Writes lidar.db3, a rosbag2 SQLite bag (schema version 4, as rosbag2's sqlite3 storage plugin
creates it since Iron), holding the CDR messages make_mcap.mjs serialized with
@foxglove/rosmsg2-serialization. Python's sqlite3 stands in for rosbag2's C++ writer (no ROS 2
packages in Debian 12): the tables, columns and index are the plugin's own DDL
(ros2/rosbag2 rosbag2_storage_sqlite3/src/rosbag2_storage_sqlite3/sqlite_storage.cpp,
SqliteStorage::initialize), the QoS string is what the plugin writes for a default subscription.

    /usr/bin/python3 make_db3.py /tmp/pointea-bag-messages.json ..
"""
import base64
import json
import os
import sqlite3
import sys

QOS = ("- history: 3\n  depth: 0\n  reliability: 1\n  durability: 2\n  deadline:\n    sec: 9223372036\n"
       "    nsec: 854775807\n  lifespan:\n    sec: 9223372036\n    nsec: 854775807\n  liveliness: 1\n"
       "  liveliness_lease_duration:\n    sec: 9223372036\n    nsec: 854775807\n"
       "  avoid_ros_namespace_conventions: false")

DDL = [
    "CREATE TABLE schema(schema_version INTEGER PRIMARY KEY,ros_distro TEXT NOT NULL);",
    "CREATE TABLE metadata(id INTEGER PRIMARY KEY,metadata_version INTEGER NOT NULL,metadata TEXT NOT NULL);",
    "CREATE TABLE topics(id INTEGER PRIMARY KEY,name TEXT NOT NULL,type TEXT NOT NULL,"
    "serialization_format TEXT NOT NULL,offered_qos_profiles TEXT NOT NULL,type_description_hash TEXT NOT NULL);",
    "CREATE TABLE message_definitions(id INTEGER PRIMARY KEY,topic_type TEXT NOT NULL,encoding TEXT NOT NULL,"
    "encoded_message_definition TEXT NOT NULL,type_description_hash TEXT NOT NULL);",
    "CREATE TABLE messages(id INTEGER PRIMARY KEY,topic_id INTEGER NOT NULL,timestamp INTEGER NOT NULL, data BLOB NOT NULL);",
    "CREATE INDEX timestamp_idx ON messages (timestamp ASC);",
]


def main():
    src, out = sys.argv[1], sys.argv[2]
    with open(src) as f:
        dump = json.load(f)
    messages = dump["messages"]
    path = os.path.join(out, "lidar.db3")
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    for stmt in DDL:
        db.execute(stmt)
    db.execute("INSERT INTO schema (schema_version, ros_distro) VALUES (?, ?)", (4, "jazzy"))
    topics = {}
    for m in messages:
        if m["topic"] in topics:
            continue
        cur = db.execute(
            "INSERT INTO topics(name, type, serialization_format, offered_qos_profiles, type_description_hash)"
            " VALUES (?, ?, ?, ?, ?)", (m["topic"], m["type"], "cdr", QOS, ""))
        topics[m["topic"]] = cur.lastrowid
    for type_name in sorted({m["type"] for m in messages}):
        db.execute(
            "INSERT INTO message_definitions (topic_type, encoding, encoded_message_definition,"
            " type_description_hash) VALUES (?, ?, ?, ?)", (type_name, "ros2msg", dump["definitions"][type_name], ""))
    for m in messages:
        db.execute("INSERT INTO messages (timestamp, topic_id, data) VALUES (?, ?, ?);",
                   (int(m["log_time_ns"]), topics[m["topic"]], base64.b64decode(m["cdr"])))
    db.commit()
    db.execute("VACUUM")
    db.close()
    print(path, os.path.getsize(path), "bytes")


if __name__ == "__main__":
    main()
