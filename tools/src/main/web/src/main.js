// The page of `pointea view`: loads scene.json and one binary payload per file from the local
// pointea server (same folder, token in the path), draws clouds as points and meshes as
// triangles with three.js, and offers orbit / pan / zoom, colour by rgb / height / normal / label
// with a legend, point size, and picking. window.pointeaViewer exposes the state to scripts and
// to the end-to-end test (tools/src/test/web/viewer-e2e.mjs).
import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';

const $ = (id) => document.getElementById(id);
const fmt = (n) => n.toLocaleString('en-US');
const num = (v) => (Number.isInteger(v) ? String(v) : v.toPrecision(6).replace(/\.?0+$/, ''));

const state = {
  ready: false,
  error: null,
  colorMode: null,
  pointSize: 2,
  items: [],
  lastPick: null,
};

function decode(item, buffer) {
  const layout = item.layout;
  const n = item.shown;
  const view = (sec, Type) => new Type(buffer, sec.offset, sec.length);
  const data = { positions: view(layout.positions, Float32Array), channels: {}, faces: null };
  for (const ch of layout.channels) {
    data.channels[ch.name] = { width: ch.width, values: view(ch, ch.type === 'i32' ? Int32Array : Float32Array) };
  }
  if (layout.faces) data.faces = view(layout.faces, Int32Array);
  if (layout.source_index) data.sourceIndex = view(layout.source_index, Int32Array);
  if (data.positions.length !== 3 * n) throw new Error(`${item.name}: payload holds ${data.positions.length / 3} points, expected ${n}`);
  return data;
}

function colorsFor(item, data, mode, scene) {
  const n = item.shown;
  const out = new Float32Array(3 * n);
  const ch = data.channels;
  if (mode === 'rgb' && ch.colors) {
    const w = ch.colors.width;
    for (let i = 0; i < n; i++) for (let c = 0; c < 3; c++) out[3 * i + c] = ch.colors.values[w * i + c];
  } else if (mode === 'normal' && ch.normals) {
    for (let i = 0; i < 3 * n; i++) out[i] = 0.5 + 0.5 * ch.normals.values[i];
  } else if (mode === 'label' && !ch.labels) {
    // a file without labels, shown beside labelled ones: the palette's "unlabelled" grey
    for (let i = 0; i < 3 * n; i++) out[i] = scene.unlabelled[i % 3] / 255;
  } else if (mode === 'label' && ch.labels) {
    const lut = new Map(item.labels.map((l) => [l.label, l.rgb]));
    for (let i = 0; i < n; i++) {
      const rgb = lut.get(ch.labels.values[i]) ?? scene.unlabelled;
      out[3 * i] = rgb[0] / 255; out[3 * i + 1] = rgb[1] / 255; out[3 * i + 2] = rgb[2] / 255;
    }
  } else {
    const axis = scene.up_axis;
    const [lo, hi] = scene.height_range;
    const span = hi > lo ? hi - lo : 1;
    const lut = scene.height_colors;
    for (let i = 0; i < n; i++) {
      const t = Math.min(1, Math.max(0, (data.positions[3 * i + axis] - lo) / span));
      const rgb = lut[Math.round(t * (lut.length - 1))];
      out[3 * i] = rgb[0] / 255; out[3 * i + 1] = rgb[1] / 255; out[3 * i + 2] = rgb[2] / 255;
    }
  }
  return out;
}

function availableModes(items) {
  const has = (name) => items.some((it) => it.channels.includes(name));
  const modes = [];
  if (has('colors')) modes.push('rgb');
  modes.push('height');
  if (has('normals')) modes.push('normal');
  if (has('labels')) modes.push('label');
  return modes;
}

function legendFor(mode, scene, items) {
  if (mode === 'label') {
    const rows = new Map();
    for (const it of items.filter((x) => x.visible)) {
      for (const l of it.labels) {
        const row = rows.get(l.label) ?? { label: l.label, name: l.name, rgb: l.rgb, count: 0 };
        row.count += l.count;
        rows.set(l.label, row);
      }
    }
    const out = [...rows.values()].sort((a, b) => a.label - b.label);
    if (items.some((x) => x.visible && !x.channels.includes('labels'))) {
      out.push({ name: 'no label', rgb: scene.unlabelled });
    }
    return out;
  }
  if (mode === 'height') {
    const lut = scene.height_colors;
    return [
      { name: `${'xyz'[scene.up_axis]} = ${num(scene.height_range[1])}`, rgb: lut[lut.length - 1] },
      { name: `${'xyz'[scene.up_axis]} = ${num(scene.height_range[0])}`, rgb: lut[0] },
    ];
  }
  if (mode === 'normal') return [{ name: 'normal (x, y, z) as (r, g, b)', rgb: [128, 128, 255] }];
  return [{ name: 'the points\' own colours', rgb: [200, 200, 200] }];
}

function renderLegend(mode, scene) {
  const rows = legendFor(mode, scene, state.items);
  state.legend = rows;
  const box = $('legend');
  box.replaceChildren();
  for (const r of rows) {
    const row = document.createElement('div');
    row.className = 'row';
    const sw = document.createElement('span');
    sw.className = 'swatch';
    sw.style.background = `rgb(${r.rgb[0]},${r.rgb[1]},${r.rgb[2]})`;
    const text = document.createElement('span');
    text.textContent = r.label !== undefined
      ? `${r.label}${r.name ? ' ' + r.name : ''} (${fmt(r.count)})`
      : r.name;
    row.append(sw, text);
    box.append(row);
  }
  box.dataset.mode = mode;
}

function main(scene, buffers) {
  const canvasBox = $('view');
  // colours pass through unchanged, so the page shows the palette of `pointea render` exactly
  THREE.ColorManagement.enabled = false;
  const renderer = new THREE.WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
  renderer.outputColorSpace = THREE.LinearSRGBColorSpace;
  renderer.setPixelRatio(window.devicePixelRatio || 1);
  renderer.setSize(canvasBox.clientWidth, canvasBox.clientHeight);
  renderer.setClearColor(0x1e1f24);
  canvasBox.append(renderer.domElement);

  const three = new THREE.Scene();
  three.add(new THREE.AmbientLight(0xffffff, 1.2));
  const sun = new THREE.DirectionalLight(0xffffff, 1.8);
  three.add(sun);

  const b = scene.bounds;
  const centre = new THREE.Vector3((b.min[0] + b.max[0]) / 2, (b.min[1] + b.max[1]) / 2, (b.min[2] + b.max[2]) / 2);
  const diag = Math.max(1e-9, Math.hypot(b.max[0] - b.min[0], b.max[1] - b.min[1], b.max[2] - b.min[2]));
  const camera = new THREE.PerspectiveCamera(45, canvasBox.clientWidth / canvasBox.clientHeight, diag / 1000, diag * 100);
  const up = [0, 0, 0];
  up[scene.up_axis] = 1;
  camera.up.set(up[0], up[1], up[2]);
  const dir = scene.up_axis === 2 ? new THREE.Vector3(1, -1.4, 0.8) : new THREE.Vector3(1, 0.8, 1.4);
  camera.position.copy(centre).addScaledVector(dir.normalize(), diag * 1.4);
  const controls = new OrbitControls(camera, renderer.domElement);
  controls.target.copy(centre);
  controls.screenSpacePanning = true;
  controls.update();

  state.items = scene.items.map((item, k) => {
    const data = decode(item, buffers[k]);
    const geometry = new THREE.BufferGeometry();
    geometry.setAttribute('position', new THREE.BufferAttribute(data.positions, 3));
    geometry.setAttribute('color', new THREE.BufferAttribute(new Float32Array(3 * item.shown), 3));
    let object;
    if (data.faces) {
      geometry.setIndex(new THREE.BufferAttribute(new Uint32Array(data.faces.buffer, data.faces.byteOffset, data.faces.length), 1));
      if (data.channels.normals) geometry.setAttribute('normal', new THREE.BufferAttribute(data.channels.normals.values, 3));
      else geometry.computeVertexNormals();
      object = new THREE.Mesh(geometry, new THREE.MeshLambertMaterial({ vertexColors: true, side: THREE.DoubleSide }));
    } else {
      object = new THREE.Points(geometry, new THREE.PointsMaterial({ size: state.pointSize, sizeAttenuation: false, vertexColors: true }));
    }
    object.userData.index = k;
    three.add(object);
    return { ...item, data, object, visible: true, drawn: data.faces ? 0 : item.shown, triangles: data.faces ? data.faces.length / 3 : 0 };
  });

  // status line: every file with what is shown of it
  $('files').replaceChildren(...state.items.map((it) => {
    const row = document.createElement('label');
    row.className = 'file';
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = true;
    box.addEventListener('change', () => { it.visible = box.checked; it.object.visible = box.checked; renderLegend(state.colorMode, scene); });
    const text = document.createElement('span');
    const what = it.triangles ? `${fmt(it.points)} vertices, ${fmt(it.triangles)} triangles`
      : it.shown < it.points ? `${fmt(it.shown)} of ${fmt(it.points)} points shown (decimated for display)`
        : `${fmt(it.points)} points`;
    text.textContent = `${it.name}: ${what}${it.note ? ' — ' + it.note : ''}`;
    row.append(box, text);
    return row;
  }));

  const modes = availableModes(state.items);
  const select = $('color');
  select.replaceChildren(...modes.map((m) => Object.assign(document.createElement('option'), { value: m, textContent: m })));
  const setColorMode = (mode) => {
    if (!modes.includes(mode)) throw new Error(`colour mode ${mode} is not available; available: ${modes.join(', ')}`);
    for (const it of state.items) {
      const c = it.object.geometry;
      c.getAttribute('color').array.set(colorsFor(it, it.data, mode, scene));
      c.getAttribute('color').needsUpdate = true;
    }
    state.colorMode = mode;
    select.value = mode;
    renderLegend(mode, scene);
  };
  select.addEventListener('change', () => setColorMode(select.value));

  const size = $('size');
  const setPointSize = (px) => {
    state.pointSize = Number(px);
    for (const it of state.items) if (it.object.isPoints) it.object.material.size = state.pointSize;
    size.value = String(px);
    $('size-value').textContent = `${px} px`;
  };
  size.addEventListener('input', () => setPointSize(size.value));

  // picking: a click (not a drag) selects the nearest drawn point under the cursor
  const raycaster = new THREE.Raycaster();
  const marker = new THREE.Mesh(new THREE.SphereGeometry(diag / 150, 12, 8), new THREE.MeshBasicMaterial({ color: 0xff3366 }));
  marker.visible = false;
  three.add(marker);
  const pickAt = (clientX, clientY) => {
    const rect = renderer.domElement.getBoundingClientRect();
    const ndc = new THREE.Vector2(((clientX - rect.left) / rect.width) * 2 - 1, -((clientY - rect.top) / rect.height) * 2 + 1);
    raycaster.setFromCamera(ndc, camera);
    const worldPerPixel = (2 * Math.tan((camera.fov * Math.PI) / 360) * camera.position.distanceTo(controls.target)) / rect.height;
    raycaster.params.Points.threshold = Math.max(worldPerPixel * (state.pointSize + 4), diag * 1e-5);
    const hits = raycaster.intersectObjects(state.items.filter((it) => it.visible).map((it) => it.object), false);
    if (hits.length === 0) { state.lastPick = null; $('pick').textContent = 'Click a point to see its values.'; marker.visible = false; return null; }
    const hit = hits.sort((a, b) => (a.distanceToRay ?? 0) - (b.distanceToRay ?? 0) || a.distance - b.distance)[0];
    const it = state.items[hit.object.userData.index];
    let i = hit.index;
    if (hit.face) { // a mesh: the triangle's corner nearest to the hit
      const p = it.data.positions;
      i = [hit.face.a, hit.face.b, hit.face.c].sort((u, v) => hit.point.distanceToSquared(new THREE.Vector3(p[3 * u], p[3 * u + 1], p[3 * u + 2]))
        - hit.point.distanceToSquared(new THREE.Vector3(p[3 * v], p[3 * v + 1], p[3 * v + 2])))[0];
    }
    return showPick(it, i);
  };
  const showPick = (it, i) => {
    const p = it.data.positions;
    const pick = { file: it.name, index: it.data.sourceIndex ? it.data.sourceIndex[i] : i, position: [p[3 * i], p[3 * i + 1], p[3 * i + 2]], channels: {} };
    for (const [name, ch] of Object.entries(it.data.channels)) {
      const v = Array.from(ch.values.subarray(ch.width * i, ch.width * i + ch.width));
      pick.channels[name] = name === 'labels' ? v[0] : v;
    }
    if (pick.channels.labels !== undefined) {
      const l = it.labels.find((x) => x.label === pick.channels.labels);
      if (l && l.name) pick.label_name = l.name;
    }
    state.lastPick = pick;
    marker.position.set(pick.position[0], pick.position[1], pick.position[2]);
    marker.visible = true;
    const lines = [`${pick.file}, point ${fmt(pick.index)}`, `x y z  ${pick.position.map(num).join('  ')}`];
    for (const [name, v] of Object.entries(pick.channels)) {
      lines.push(`${name}  ${Array.isArray(v) ? v.map(num).join('  ') : num(v)}${name === 'labels' && pick.label_name ? ' ' + pick.label_name : ''}`);
    }
    $('pick').textContent = lines.join('\n');
    return pick;
  };
  let down = null;
  renderer.domElement.addEventListener('pointerdown', (e) => { down = [e.clientX, e.clientY]; });
  renderer.domElement.addEventListener('pointerup', (e) => {
    if (down && Math.hypot(e.clientX - down[0], e.clientY - down[1]) < 4) pickAt(e.clientX, e.clientY);
    down = null;
  });

  const project = (itemIndex, i) => {
    const p = state.items[itemIndex].data.positions;
    const v = new THREE.Vector3(p[3 * i], p[3 * i + 1], p[3 * i + 2]).project(camera);
    const rect = renderer.domElement.getBoundingClientRect();
    return { x: rect.left + ((v.x + 1) / 2) * rect.width, y: rect.top + ((1 - v.y) / 2) * rect.height };
  };

  window.addEventListener('resize', () => {
    camera.aspect = canvasBox.clientWidth / canvasBox.clientHeight;
    camera.updateProjectionMatrix();
    renderer.setSize(canvasBox.clientWidth, canvasBox.clientHeight);
  });

  let frames = 0;
  renderer.setAnimationLoop(() => {
    controls.update();
    sun.position.copy(camera.position);
    renderer.render(three, camera);
    frames++;
  });

  setPointSize(scene.point_size);
  setColorMode(scene.color_by && modes.includes(scene.color_by) ? scene.color_by
    : modes.includes('label') ? 'label' : modes.includes('rgb') ? 'rgb' : 'height');

  Object.assign(window.pointeaViewer, {
    modes,
    setColorMode,
    setPointSize,
    pickAt,
    project,
    frames: () => frames,
    drawnPoints: () => state.items.filter((it) => it.visible && it.object.isPoints)
      .reduce((s, it) => s + it.object.geometry.getAttribute('position').count, 0),
    webgl: renderer.getContext().getParameter(renderer.getContext().VERSION),
  });
  state.ready = true;
  $('status').textContent = '';
}

window.pointeaViewer = { state };

async function load() {
  const scene = await (await fetch('scene.json', { cache: 'no-store' })).json();
  document.title = `${scene.title} — pointea view`;
  const buffers = await Promise.all(scene.items.map(async (it) => {
    const r = await fetch(it.url, { cache: 'no-store' });
    if (!r.ok) throw new Error(`${it.name}: HTTP ${r.status}`);
    return r.arrayBuffer();
  }));
  main(scene, buffers);
}

load().catch((e) => {
  state.error = String(e && e.message ? e.message : e);
  $('status').textContent = `Could not show the files: ${state.error}`;
});
