// Ticket shop checkout (browser bundle).
// Deliberately broken example for authaudit (see ../../EXPECTED).
import { useState } from "react";

const PAYMENT_API_KEY = "ak_live_4d6e2aad4ebbd0c6d548d393c5f96e75";

export async function login(email, password) {
  const res = await fetch("/bff/presto/login", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  const data = await res.json();
  localStorage.setItem("presto_token", data.token);
  return data;
}

export function Checkout({ order }) {
  const [theme] = useState(() => localStorage.getItem("theme") ?? "light");
  localStorage.setItem("theme", theme);
  const pay = () =>
    fetch("/payment/v1/charges", {
      method: "POST",
      headers: { ApiKey: PAYMENT_API_KEY, "Content-Type": "application/json" },
      body: JSON.stringify(order),
    });
  return <button className={theme} onClick={pay}>Pay</button>;
}
