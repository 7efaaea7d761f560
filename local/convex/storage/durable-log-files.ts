/**
 * File primitives of the durable log: log files opened for appending, durable writes (write
 * everything, fdatasync, fsync the directory), callback-based fs calls as promises, and the error
 * helpers the log shares.
 */
import * as fs from "node:fs";
import { open as openFile } from "node:fs/promises";
import * as path from "node:path";
import { logName } from "./durable-log-format.ts";

export interface LogFile {
  gen: number;
  fd: number;
  bytes: number;
  needsDirSync: boolean;
  settled: Promise<void>;
}

export function noop(): void {}

export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

export function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === "ENOENT";
}

export async function openCurrentLog(dir: string, gen: number): Promise<LogFile> {
  const flags = fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT;
  const fd = await openFd(path.join(dir, logName(gen)), flags);
  const { size } = await fstat(fd);
  return { gen, fd, bytes: size, needsDirSync: false, settled: Promise.resolve() };
}

function openFd(file: string, flags: number): Promise<number> {
  return new Promise((resolve, reject) =>
    fs.open(file, flags, 0o644, (error, fd) => (error ? reject(error) : resolve(fd))),
  );
}

function fstat(fd: number): Promise<fs.Stats> {
  return new Promise((resolve, reject) => fs.fstat(fd, (error, stats) => (error ? reject(error) : resolve(stats))));
}

export function createLogFileSync(dir: string, gen: number): LogFile {
  const flags = fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT | fs.constants.O_EXCL;
  const fd = fs.openSync(path.join(dir, logName(gen)), flags, 0o644);
  return { gen, fd, bytes: 0, needsDirSync: true, settled: Promise.resolve() };
}

export async function writeFileDurably(file: string, bytes: Uint8Array): Promise<void> {
  const handle = await openFile(file, "w");
  try {
    await writeAll(handle.fd, bytes);
    await fdatasync(handle.fd);
  } finally {
    await handle.close();
  }
}

export function writeAll(fd: number, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const step = (offset: number): void => {
      if (offset >= bytes.length) return resolve();
      fs.write(fd, bytes, offset, bytes.length - offset, null, (error, written) => {
        if (error) reject(error);
        else step(offset + written);
      });
    };
    step(0);
  });
}

export function fdatasync(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fs.fdatasync(fd, (error) => (error ? reject(error) : resolve())));
}

export function closeFd(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fs.close(fd, (error) => (error ? reject(error) : resolve())));
}

export async function fsyncDir(dir: string): Promise<void> {
  const handle = await openFile(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
