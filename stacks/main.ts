import { App } from "cdktf";
import { buildApp } from "./app";

// cdktf runs the app from the project root.
buildApp(new App(), process.cwd()).synth();
