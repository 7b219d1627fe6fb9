import { UserError } from "../common";

/** A span of time, written the way a reviewer reads it: `Duration.minutes(15)`. */
export class Duration {
  static seconds(amount: number): Duration {
    return new Duration(amount, "seconds");
  }

  static minutes(amount: number): Duration {
    return new Duration(amount * 60, "minutes", amount);
  }

  static hours(amount: number): Duration {
    return new Duration(amount * 3600, "hours", amount);
  }

  static days(amount: number): Duration {
    return new Duration(amount * 86400, "days", amount);
  }

  private constructor(
    private readonly totalSeconds: number,
    private readonly unit: string,
    private readonly amount: number = totalSeconds,
  ) {
    if (!Number.isFinite(totalSeconds) || totalSeconds < 0) {
      throw new UserError(
        `Duration ${amount} ${unit} is invalid; expected a finite, non-negative amount.`,
      );
    }
  }

  toSeconds(): number {
    return this.totalSeconds;
  }

  toMilliseconds(): number {
    return this.totalSeconds * 1000;
  }

  toString(): string {
    const unit = this.amount === 1 ? this.unit.replace(/s$/, "") : this.unit;
    return `${this.amount} ${unit}`;
  }
}
