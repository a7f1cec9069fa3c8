import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { TrackingCodeHelp } from "./tracking-code-help";

describe("TrackingCodeHelp", () => {
  const txHash = "0x" + "ab".repeat(32);

  it("explains both codes and links the explorer page of this transaction", () => {
    render(<TrackingCodeHelp txHash={txHash} />);
    const help = screen.getByRole("region", { name: "What these codes mean" });
    expect(help).toHaveTextContent("It says nothing about your choice.");
    expect(within(help).getByRole("link", { name: "block explorer" })).toHaveAttribute("href", `/explorer/tx/${txHash}`);
  });

  it("gives the JSON-RPC request that finds the transaction at any validator", () => {
    render(<TrackingCodeHelp txHash={txHash} />);
    const command = screen.getByTestId("rpc-lookup").textContent!;
    const body = JSON.parse(command.slice(command.indexOf("-d '") + 4, command.lastIndexOf("'")));
    expect(body).toEqual({ jsonrpc: "2.0", id: 1, method: "eth_getTransactionByHash", params: [txHash] });
    expect(command).toMatch(/VALIDATOR\/rpc$/);
  });
});
