import { App } from "cdktf";
import { buildApp } from "./app";

buildApp(new App()).synth();
