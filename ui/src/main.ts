// Entry point: mounts the app and marks the document ready for the
// end-to-end test and the start-time measurement.
import { mount } from "svelte";
import App from "./App.svelte";
import "./styles.css";

const target = document.getElementById("app");
if (target) mount(App, { target });
