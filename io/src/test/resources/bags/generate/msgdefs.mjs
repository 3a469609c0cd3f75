// ROS 2 message definitions (ros2msg text, as rosbag2 stores them in MCAP schemas: the type's own
// definition, then each dependency after a line of 80 '=' and "MSG: pkg/Type").
const SEP = "\n" + "=".repeat(80) + "\n";

const TIME = "int32 sec\nuint32 nanosec\n";
const HEADER = "builtin_interfaces/Time stamp\nstring frame_id\n";
const POINT_FIELD = [
  "uint8 INT8    = 1",
  "uint8 UINT8   = 2",
  "uint8 INT16   = 3",
  "uint8 UINT16  = 4",
  "uint8 INT32   = 5",
  "uint8 UINT32  = 6",
  "uint8 FLOAT32 = 7",
  "uint8 FLOAT64 = 8",
  "string name",
  "uint32 offset",
  "uint8 datatype",
  "uint32 count",
  "",
].join("\n");
const POINT_CLOUD2 = [
  "std_msgs/Header header",
  "uint32 height",
  "uint32 width",
  "PointField[] fields",
  "bool    is_bigendian",
  "uint32  point_step",
  "uint32  row_step",
  "uint8[] data",
  "bool is_dense",
  "",
].join("\n");
const QUATERNION = "float64 x 0\nfloat64 y 0\nfloat64 z 0\nfloat64 w 1\n";
const VECTOR3 = "float64 x\nfloat64 y\nfloat64 z\n";
const IMU = [
  "std_msgs/Header header",
  "geometry_msgs/Quaternion orientation",
  "float64[9] orientation_covariance",
  "geometry_msgs/Vector3 angular_velocity",
  "float64[9] angular_velocity_covariance",
  "geometry_msgs/Vector3 linear_acceleration",
  "float64[9] linear_acceleration_covariance",
  "",
].join("\n");

function withDeps(main, deps) {
  return main + deps.map(([name, text]) => SEP + "MSG: " + name + "\n" + text).join("");
}

export const POINT_CLOUD2_DEF = withDeps(POINT_CLOUD2, [
  ["std_msgs/Header", HEADER],
  ["builtin_interfaces/Time", TIME],
  ["sensor_msgs/PointField", POINT_FIELD],
]);

export const IMU_DEF = withDeps(IMU, [
  ["std_msgs/Header", HEADER],
  ["builtin_interfaces/Time", TIME],
  ["geometry_msgs/Quaternion", QUATERNION],
  ["geometry_msgs/Vector3", VECTOR3],
]);
